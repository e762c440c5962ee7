import { describe, expect, it } from "vitest";
import { createOffsetTimeline } from "./offset-timeline.js";
import { DAY_MS, naiveMs } from "./wall-time.js";

const at = (iso: string) => new Date(iso).getTime();

describe("offset timeline", () => {
  const newYork = createOffsetTimeline(
    "America/New_York",
    at("2026-02-20T00:00:00Z"),
    at("2026-11-20T00:00:00Z"),
  );

  it("resolves a wall time that happens once", () => {
    expect(newYork.resolve(naiveMs(2026, 6, 1, 9, 0, 0))).toEqual({
      kind: "single",
      instantMs: at("2026-06-01T13:00:00Z"),
    });
  });

  it("resolves a repeated wall time to both instants, earlier first", () => {
    expect(newYork.resolve(naiveMs(2026, 11, 1, 1, 30, 0))).toEqual({
      kind: "repeated",
      earlierMs: at("2026-11-01T05:30:00Z"),
      laterMs: at("2026-11-01T06:30:00Z"),
    });
  });

  it("resolves a skipped wall time to the end of its gap", () => {
    expect(newYork.resolve(naiveMs(2026, 3, 8, 2, 30, 0))).toEqual({
      kind: "skipped",
      transitionMs: at("2026-03-08T07:00:00Z"),
      wallAfterMs: naiveMs(2026, 3, 8, 3, 0, 0),
    });
    // The edges: 02:00:00 does not exist, 03:00:00 does, 01:59:59 does.
    expect(newYork.resolve(naiveMs(2026, 3, 8, 2, 0, 0)).kind).toBe("skipped");
    expect(newYork.resolve(naiveMs(2026, 3, 8, 3, 0, 0))).toEqual({
      kind: "single",
      instantMs: at("2026-03-08T07:00:00Z"),
    });
    expect(newYork.resolve(naiveMs(2026, 3, 8, 1, 59, 59))).toEqual({
      kind: "single",
      instantMs: at("2026-03-08T06:59:59Z"),
    });
  });

  it("knows offsets between transitions and which wall times it covers", () => {
    expect(newYork.offsetAt(at("2026-03-08T06:59:59Z"))).toBe(-5 * 3600_000);
    expect(newYork.offsetAt(at("2026-03-08T07:00:00Z"))).toBe(-4 * 3600_000);
    expect(newYork.offsetAt(at("2026-11-01T06:00:00Z"))).toBe(-5 * 3600_000);
    expect(newYork.covers(naiveMs(2026, 6, 1, 0, 0, 0))).toBe(true);
    expect(newYork.covers(at("2026-02-20T00:00:00Z") + DAY_MS - 1)).toBe(false);
    expect(newYork.covers(at("2026-11-20T00:00:00Z") - DAY_MS + 1)).toBe(false);
  });

  it("resolves Samoa's skipped day (2011-12-30) as a gap ending the next day", () => {
    const apia = createOffsetTimeline("Pacific/Apia", at("2011-12-20T00:00:00Z"), at("2012-01-10T00:00:00Z"));
    expect(apia.resolve(naiveMs(2011, 12, 30, 12, 0, 0))).toEqual({
      kind: "skipped",
      transitionMs: at("2011-12-30T10:00:00Z"),
      wallAfterMs: naiveMs(2011, 12, 31, 0, 0, 0),
    });
  });
});
