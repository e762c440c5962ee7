import { createPrng } from "@seqd/simulator";

/** A seeded source of choices: the same seed replays the same run exactly. */
export interface Random {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Wraps the simulator's mulberry32 with the helpers fuzzers need.
 *
 * @example
 * const random = createRandom(42);
 * random.pick(["a", "b"]); // the same on every run
 */
export function createRandom(seed: number): Random {
  const prng = createPrng(seed);
  const int = (n: number) => Math.floor(prng.next() * n);
  return {
    seed,
    next: () => prng.next(),
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => prng.next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[int(items.length)]!;
    },
  };
}
