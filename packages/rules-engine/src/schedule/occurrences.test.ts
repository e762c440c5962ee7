import { describe, expect, it } from "vitest";
import { occurrencesBetween } from "./occurrences.js";
import { compiled, instants } from "./test-helpers.js";

const d = (iso: string) => new Date(iso);

describe("occurrencesBetween", () => {
  const daily = compiled("0 9 * * *", "UTC");

  it("is strictly after `after` and up to and including `upTo`", () => {
    const result = occurrencesBetween(daily, d("2026-01-01T09:00:00Z"), d("2026-01-03T09:00:00Z"));
    expect(result).toEqual({
      occurrences: instants("2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"),
      truncated: false,
    });
  });

  it("compares to the millisecond", () => {
    expect(
      occurrencesBetween(daily, d("2026-01-01T08:59:59.999Z"), d("2026-01-01T09:00:00Z")).occurrences,
    ).toEqual(instants("2026-01-01T09:00:00Z"));
    expect(
      occurrencesBetween(daily, d("2026-01-01T09:00:00.001Z"), d("2026-01-02T08:59:59.999Z")).occurrences,
    ).toEqual([]);
  });

  it("is empty for an empty or backwards window", () => {
    expect(occurrencesBetween(daily, d("2026-01-02Z"), d("2026-01-02Z"))).toEqual({
      occurrences: [],
      truncated: false,
    });
    expect(occurrencesBetween(daily, d("2026-01-05Z"), d("2026-01-01Z"))).toEqual({
      occurrences: [],
      truncated: false,
    });
  });

  it("bounds a per-second pattern over a year by the limit, reports truncation, and pages without gaps", () => {
    const perSecond = compiled("* * * * * *", "America/New_York");
    const from = d("2026-01-01T00:00:00Z");
    const to = d("2027-01-01T00:00:00Z");
    const first = occurrencesBetween(perSecond, from, to, 1000);
    expect(first.truncated).toBe(true);
    expect(first.occurrences).toHaveLength(1000);
    expect(first.occurrences[0]).toEqual(d("2026-01-01T00:00:01Z"));
    const second = occurrencesBetween(perSecond, first.occurrences.at(-1)!, to, 1000);
    expect(second.occurrences[0]).toEqual(d("2026-01-01T00:16:41Z"));
    expect(second.occurrences.at(-1)).toEqual(d("2026-01-01T00:33:20Z"));
  });

  it("is not truncated when the window holds exactly `limit` occurrences", () => {
    const result = occurrencesBetween(daily, d("2026-01-01T00:00:00Z"), d("2026-01-03T09:00:00Z"), 3);
    expect(result).toEqual({
      occurrences: instants("2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"),
      truncated: false,
    });
    expect(occurrencesBetween(daily, d("2026-01-01T00:00:00Z"), d("2026-01-04T09:00:00Z"), 3).truncated).toBe(
      true,
    );
  });

  it("starting inside the first pass of a repeated hour still finds the second pass", () => {
    // 01:45 EDT on fall-back day: 01:00 and 01:30 EST are still ahead.
    const after = d("2026-11-01T01:45:00-04:00");
    expect(
      occurrencesBetween(compiled("*/30 * * * *", "America/New_York"), after, d("2026-11-01T02:00:00-05:00"))
        .occurrences,
    ).toEqual(
      instants("2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00"),
    );
    // A fixed 01:30 already ran at its first instance; the second is not an occurrence.
    expect(
      occurrencesBetween(compiled("30 1 * * *", "America/New_York"), after, d("2026-11-03T00:00:00Z"))
        .occurrences,
    ).toEqual(instants("2026-11-02T01:30:00-05:00"));
  });

  it("a daemon ticking every 30 s through both transitions sees each occurrence exactly once", () => {
    for (const [cron, zone, start] of [
      ["*/30 * * * *", "America/New_York", "2026-11-01T03:00:00Z"],
      ["30 1 * * *", "America/New_York", "2026-11-01T03:00:00Z"],
      ["0 2 * * *", "America/New_York", "2026-03-08T05:00:00Z"],
      ["*/15 * * * *", "Pacific/Chatham", "2026-04-04T12:00:00Z"],
      ["*/15 * * * *", "Australia/Sydney", "2026-10-03T14:00:00Z"],
    ] as const) {
      const schedule = compiled(cron, zone);
      const startMs = d(start).getTime();
      const end = new Date(startMs + 6 * 3600_000);
      const ticked: Date[] = [];
      for (let tick = startMs; tick < end.getTime(); tick += 30_000) {
        ticked.push(...occurrencesBetween(schedule, new Date(tick), new Date(tick + 30_000)).occurrences);
      }
      expect(ticked, `${cron} in ${zone}`).toEqual(occurrencesBetween(schedule, d(start), end).occurrences);
      expect(new Set(ticked.map((at) => at.getTime())).size).toBe(ticked.length);
    }
  });

  it("finds rare dates far ahead", () => {
    expect(
      occurrencesBetween(compiled("0 0 29 2 *", "Asia/Kolkata"), d("2026-01-01Z"), d("2033-01-01Z"))
        .occurrences,
    ).toEqual(instants("2028-02-29T00:00:00+05:30", "2032-02-29T00:00:00+05:30"));
  });

  it("refuses invalid arguments", () => {
    expect(() => occurrencesBetween(daily, d("nope"), d("2026-01-01Z"))).toThrow(
      "afterExclusive is an invalid Date",
    );
    expect(() => occurrencesBetween(daily, d("2026-01-01Z"), d("nope"))).toThrow(RangeError);
    expect(() => occurrencesBetween(daily, d("2026-01-01Z"), d("2026-02-01Z"), 0)).toThrow(
      "limit must be a positive integer, got 0",
    );
    expect(() => occurrencesBetween(daily, d("2026-01-01Z"), d("2026-02-01Z"), 1.5)).toThrow(RangeError);
  });
});
