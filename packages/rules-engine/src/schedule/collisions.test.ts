import { describe, expect, it } from "vitest";
import { sameMinuteCollisions } from "./collisions.js";
import { compiled, instants } from "./test-helpers.js";

const d = (iso: string) => new Date(iso);

describe("sameMinuteCollisions", () => {
  it("finds the days two zones' schedules meet: 09:00 New York is 14:00 UTC only in winter", () => {
    const result = sameMinuteCollisions(
      compiled("0 9 * * *", "America/New_York"),
      compiled("0 14 * * *", "UTC"),
      d("2026-03-01T00:00:00Z"),
      d("2026-03-15T00:00:00Z"),
    );
    expect(result.truncated).toBe(false);
    expect(result.searchedUpTo).toEqual(d("2026-03-15T00:00:00Z"));
    expect(result.collisions.map((c) => c.minute)).toEqual(
      instants(...[1, 2, 3, 4, 5, 6, 7].map((day) => `2026-03-0${day}T14:00:00Z`)),
    );
  });

  it("counts different seconds of one minute as the same minute", () => {
    const result = sameMinuteCollisions(
      compiled("0 0 9 * * *", "UTC"),
      compiled("45 0 9 * * *", "UTC"),
      d("2026-01-01T00:00:00Z"),
      d("2026-01-02T00:00:00Z"),
    );
    expect(result.collisions).toEqual([
      { minute: d("2026-01-01T09:00:00Z"), a: d("2026-01-01T09:00:00Z"), b: d("2026-01-01T09:00:45Z") },
    ]);
  });

  it("finds nothing for schedules a minute apart", () => {
    const result = sameMinuteCollisions(
      compiled("0 9 * * *", "UTC"),
      compiled("1 9 * * *", "UTC"),
      d("2026-01-01Z"),
      d("2027-01-01Z"),
    );
    expect(result).toEqual({ collisions: [], truncated: false, searchedUpTo: d("2027-01-01Z") });
  });

  it("follows the DST rules: a fixed 01:30 runs only at the first 01:30 on fall-back day", () => {
    const fixed = compiled("30 1 * * *", "America/New_York");
    const window = [d("2026-11-01T00:00:00Z"), d("2026-11-01T12:00:00Z")] as const;
    expect(sameMinuteCollisions(fixed, compiled("30 5 * * *", "UTC"), ...window).collisions).toHaveLength(1);
    expect(sameMinuteCollisions(fixed, compiled("30 6 * * *", "UTC"), ...window).collisions).toHaveLength(0);
  });

  it("stops at maxCollisions and says how far it searched", () => {
    const result = sameMinuteCollisions(
      compiled("* * * * *", "UTC"),
      compiled("*/2 * * * *", "UTC"),
      d("2026-01-01T00:00:00Z"),
      d("2026-01-02T00:00:00Z"),
      { maxCollisions: 3 },
    );
    expect(result.collisions.map((c) => c.minute)).toEqual(
      instants("2026-01-01T00:02:00Z", "2026-01-01T00:04:00Z", "2026-01-01T00:06:00Z"),
    );
    expect(result.truncated).toBe(true);
    expect(result.searchedUpTo).toEqual(d("2026-01-01T00:06:59.999Z"));
  });

  it("stops at maxSteps for schedules that interleave without meeting", () => {
    const result = sameMinuteCollisions(
      compiled("*/2 * * * *", "UTC"),
      compiled("1-59/2 * * * *", "UTC"),
      d("2026-01-01T00:00:00Z"),
      d("2027-01-01T00:00:00Z"),
      { maxSteps: 100 },
    );
    // Each step passes one even minute: 100 steps reach 03:20.
    expect(result).toEqual({ collisions: [], truncated: true, searchedUpTo: d("2026-01-01T03:20:59.999Z") });
  });

  it("refuses bounds that are not positive integers", () => {
    const daily = compiled("0 9 * * *", "UTC");
    expect(() =>
      sameMinuteCollisions(daily, daily, d("2026-01-01Z"), d("2026-02-01Z"), { maxSteps: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      sameMinuteCollisions(daily, daily, d("2026-01-01Z"), d("2026-02-01Z"), { maxCollisions: -1 }),
    ).toThrow(RangeError);
  });
});
