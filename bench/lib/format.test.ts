import { describe, expect, it } from "vitest";
import { formatGoal, formatQuantity, formatRatio, formatSpread } from "./format.js";

describe("formatQuantity", () => {
  it("uses fewer decimals as values grow and groups thousands", () => {
    expect([2.391, 12.34, 123.4, 49_812.6].map(formatQuantity)).toEqual(["2.39", "12.3", "123", "49,813"]);
  });

  it("shows a dash for what was not measured", () => {
    expect(formatQuantity(null)).toBe("–");
    expect(formatQuantity(undefined)).toBe("–");
  });
});

describe("ratios and goals", () => {
  it("marks ratios with × and goals as maxima", () => {
    expect(formatRatio(1.2449)).toBe("1.24×");
    expect(formatRatio(null)).toBe("–");
    expect(formatGoal(1.25)).toBe("≤ 1.25×");
    expect(formatGoal(null)).toBe("none");
  });

  it("prints a median with its range", () => {
    expect(formatSpread({ min: 1.81, median: 1.86, max: 2 })).toBe("1.86 (1.81–2.00)");
  });
});
