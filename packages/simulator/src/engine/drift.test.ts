import { describe, expect, it } from "vitest";
import type { DriftEntry } from "../state/types.js";
import { createDriftSchedule, driftedBalance } from "./drift.js";

const entry = (overrides: Partial<DriftEntry> = {}): DriftEntry => ({
  account: "a",
  everyMs: 10_000,
  by: -15_000,
  min: null,
  max: null,
  ...overrides,
});

describe("createDriftSchedule", () => {
  it("falls due once per period after the start, counting missed periods", () => {
    const schedule = createDriftSchedule([entry()], 0);
    expect(schedule.due(9_999)).toEqual([]);
    expect(schedule.due(10_000).map((s) => s.steps)).toEqual([1]);
    expect(schedule.due(15_000)).toEqual([]);
    expect(schedule.due(45_000).map((s) => s.steps)).toEqual([3]);
    expect(schedule.due(49_999)).toEqual([]);
  });
});

describe("driftedBalance", () => {
  it("stops at min going down and at max going up", () => {
    expect(driftedBalance(20_000, { entry: entry({ min: 0 }), steps: 2 })).toBe(0);
    expect(driftedBalance(20_000, { entry: entry(), steps: 2 })).toBe(-10_000);
    expect(driftedBalance(0, { entry: entry({ by: 500, max: 800 }), steps: 3 })).toBe(800);
  });

  it("does not drag a balance already past the bound back to it", () => {
    expect(driftedBalance(-500, { entry: entry({ min: 0 }), steps: 1 })).toBe(-500);
  });
});
