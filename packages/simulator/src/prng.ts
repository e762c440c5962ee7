/** A deterministic source of numbers in [0, 1), so probabilistic faults replay exactly. */
export interface Prng {
  next(): number;
}

/**
 * mulberry32: tiny, fast and good enough for fault injection (not for anything secret).
 *
 * @example createPrng(42).next() // the same value on every run
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
}
