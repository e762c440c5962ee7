import { describe, expect, it } from "vitest";
import { parseLocalTime } from "./local-time.js";

describe("parseLocalTime", () => {
  it.each([
    ["2026-03-07T08:00:00", "America/New_York", "2026-03-07T13:00:00.000Z"],
    ["2026-07-07T08:00", "America/New_York", "2026-07-07T12:00:00.000Z"],
    ["2026-03-08T03:00:00", "America/New_York", "2026-03-08T07:00:00.000Z"],
    ["2026-10-04T03:30:00", "Australia/Sydney", "2026-10-03T16:30:00.000Z"],
    ["2026-03-07T08:00:00-05:00", undefined, "2026-03-07T13:00:00.000Z"],
    ["2026-03-07T08:00:00Z", "Asia/Kolkata", "2026-03-07T08:00:00.000Z"],
    ["2026-11-01T01:30:00-05:00", "America/New_York", "2026-11-01T06:30:00.000Z"],
  ])("%s in %s → %s", (text, zone, iso) => {
    const parsed = parseLocalTime(text, zone);
    expect(parsed.ok && parsed.date.toISOString()).toBe(iso);
  });

  it("refuses a wall time inside a spring-forward gap", () => {
    expect(parseLocalTime("2026-03-08T02:30:00", "America/New_York")).toMatchObject({
      ok: false,
      message:
        '"2026-03-08T02:30:00" does not exist in America/New_York (clocks skip it when daylight saving time starts)',
    });
    expect(parseLocalTime("2026-10-04T02:30:00", "Australia/Sydney")).toMatchObject({ ok: false });
  });

  it("refuses a wall time that happens twice and offers both offsets", () => {
    expect(parseLocalTime("2026-11-01T01:30:00", "America/New_York")).toMatchObject({
      ok: false,
      hint: "add the offset of the instant you mean: 2026-11-01T01:30:00-04:00 or 2026-11-01T01:30:00-05:00",
    });
  });

  it("refuses impossible dates, other formats, and local times without a zone", () => {
    expect(parseLocalTime("2026-02-30T08:00:00", "UTC")).toMatchObject({
      ok: false,
      hint: "check the month, day and hour",
    });
    expect(parseLocalTime("2026-03-07", "UTC")).toMatchObject({
      ok: false,
      message: '"2026-03-07" is not a date and time',
    });
    expect(parseLocalTime("2026-03-07T08:00:00", undefined)).toMatchObject({
      ok: false,
      message: '"2026-03-07T08:00:00" has no offset and the config has no timezone',
    });
  });
});
