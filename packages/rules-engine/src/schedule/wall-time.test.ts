import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatLocalIso,
  formatOffset,
  formatWallTime,
  naiveMs,
  startOfWallDay,
} from "./wall-time.js";

describe("wall-time helpers", () => {
  it.each([
    [-4 * 3600_000, "-04:00"],
    [(13 * 60 + 45) * 60_000, "+13:45"],
    [(5 * 60 + 30) * 60_000, "+05:30"],
    [0, "+00:00"],
    [-(4 * 3600 + 56 * 60 + 2) * 1000, "-04:56:02"],
  ])("formats offset %i ms as %s", (offsetMs, text) => {
    expect(formatOffset(offsetMs)).toBe(text);
  });

  it("formats local ISO times with their offset, and clocks for messages", () => {
    const wall = naiveMs(2026, 3, 8, 3, 0, 0);
    expect(formatLocalIso(wall, -4 * 3600_000)).toBe("2026-03-08T03:00:00-04:00");
    expect(formatClock(wall, false)).toBe("03:00");
    expect(formatClock(wall, true)).toBe("03:00:00");
    expect(formatClock(naiveMs(2026, 3, 8, 3, 0, 15), false)).toBe("03:00:15");
  });

  it("keeps years below 100 as written and finds the start of a wall day", () => {
    expect(formatWallTime(naiveMs(99, 12, 31, 23, 59, 59))).toBe("0099-12-31T23:59:59");
    expect(startOfWallDay(naiveMs(2026, 3, 8, 17, 45, 12))).toBe(naiveMs(2026, 3, 8, 0, 0, 0));
  });
});
