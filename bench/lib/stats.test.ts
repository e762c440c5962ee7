import { describe, expect, it } from "vitest";
import { geometricMean, round, roundSpread, spread } from "./stats.js";

describe("spread", () => {
  it("takes the middle sample of an odd count, whatever the input order", () => {
    expect(spread([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5 });
  });

  it("averages the middle two of an even count", () => {
    expect(spread([4, 1, 2, 10])).toEqual({ min: 1, median: 3, max: 10 });
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    spread(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("refuses an empty sample set rather than inventing a number", () => {
    expect(() => spread([])).toThrow(RangeError);
  });
});

describe("geometricMean", () => {
  it("is the n-th root of the product", () => {
    expect(geometricMean([1, 4])).toBeCloseTo(2, 12);
    expect(geometricMean([2, 8, 4])).toBeCloseTo(4, 12);
  });

  it("refuses no values", () => {
    expect(() => geometricMean([])).toThrow(RangeError);
  });
});

describe("round", () => {
  it("rounds to the given decimals and defaults to two", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 3)).toBe(1.235);
    expect(round(1234.5, 0)).toBe(1235);
  });

  it("rounds every field of a spread", () => {
    expect(roundSpread({ min: 1.004, median: 2.006, max: 3.5 }, 2)).toEqual({
      min: 1,
      median: 2.01,
      max: 3.5,
    });
  });
});
