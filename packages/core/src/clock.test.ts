import { describe, expect, it } from "vitest";
import { createFakeClock } from "./clock.js";

describe("createFakeClock", () => {
  it("advances wall and monotonic time together", () => {
    const clock = createFakeClock("2026-03-08T06:00:00Z");
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe("2026-03-08T06:01:30.000Z");
    expect(clock.monotonicMs()).toBe(90_000);
  });

  it("steps the wall clock without moving monotonic time", () => {
    const clock = createFakeClock("2026-03-08T06:00:00Z");
    clock.setWall("2026-03-08T04:00:00Z");
    expect(clock.now().toISOString()).toBe("2026-03-08T04:00:00.000Z");
    expect(clock.monotonicMs()).toBe(0);
  });

  it("refuses to go backwards or start from garbage", () => {
    const clock = createFakeClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => createFakeClock("not a date")).toThrow(RangeError);
  });
});
