import { describe, expect, it } from "vitest";
import { naiveMs } from "./wall-time.js";
import { firstInstantWithNewOffset, offsetAt, wallTimeAt } from "./zone.js";

const at = (iso: string) => new Date(iso).getTime();

describe("zone arithmetic", () => {
  it("reads wall clocks in the named zone, keeping milliseconds", () => {
    expect(wallTimeAt("America/New_York", at("2026-03-08T07:00:00.250Z"))).toBe(
      naiveMs(2026, 3, 8, 3, 0, 0) + 250,
    );
    expect(wallTimeAt("Pacific/Chatham", at("2026-09-26T13:59:59Z"))).toBe(naiveMs(2026, 9, 27, 2, 44, 59));
    expect(wallTimeAt("Asia/Kolkata", at("2026-01-01T00:00:00Z"))).toBe(naiveMs(2026, 1, 1, 5, 30, 0));
    // Midnight is hour 0, not 24.
    expect(wallTimeAt("UTC", at("2026-01-01T00:00:00Z"))).toBe(naiveMs(2026, 1, 1, 0, 0, 0));
  });

  it("gives offsets on either side of a transition", () => {
    expect(offsetAt("America/New_York", at("2026-03-08T06:59:59Z"))).toBe(-5 * 3600_000);
    expect(offsetAt("America/New_York", at("2026-03-08T07:00:00Z"))).toBe(-4 * 3600_000);
    expect(offsetAt("Pacific/Chatham", at("2026-04-04T14:00:00Z"))).toBe((12 * 60 + 45) * 60_000);
  });

  it("bisects to the first second on the new offset", () => {
    expect(
      firstInstantWithNewOffset("America/New_York", at("2026-11-01T00:00:00Z"), at("2026-11-01T12:00:00.5Z")),
    ).toBe(at("2026-11-01T06:00:00Z"));
    expect(
      firstInstantWithNewOffset("Pacific/Chatham", at("2026-09-26T08:00:00.7Z"), at("2026-09-26T16:00:00Z")),
    ).toBe(at("2026-09-26T14:00:00Z"));
  });
});
