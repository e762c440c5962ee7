import { describe, expect, it } from "vitest";
import { createPrng } from "./prng.js";

describe("createPrng", () => {
  it("repeats the same sequence for the same seed and differs across seeds", () => {
    const draw = (seed: number) => {
      const prng = createPrng(seed);
      return Array.from({ length: 5 }, () => prng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("stays in [0, 1) and spreads roughly evenly", () => {
    const prng = createPrng(7);
    const values = Array.from({ length: 10_000 }, () => prng.next());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const below = values.filter((v) => v < 0.5).length;
    expect(below).toBeGreaterThan(4_700);
    expect(below).toBeLessThan(5_300);
  });
});
