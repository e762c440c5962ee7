import { describe, expect, it } from "vitest";
import { createRandom } from "./random.js";

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it("keeps mulberry32's sequence, so the formula suite's inputs do not change between versions", () => {
    const random = createRandom(20260307);
    expect([random.int(0, 1_000_000), random.int(0, 2_000_000), random.int(1, 28)]).toMatchInlineSnapshot(`
      [
        522125,
        173849,
        13,
      ]
    `);
  });

  it("yields floats in [0, 1) and integers within both bounds", () => {
    const random = createRandom(7);
    const ints = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      ints.add(random.int(1, 3));
    }
    expect([...ints].sort()).toEqual([1, 2, 3]);
  });
});
