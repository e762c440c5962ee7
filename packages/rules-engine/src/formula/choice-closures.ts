import type { BoolFn, NumFn, Slot } from "./closure-kit.js";

/**
 * min, max, clamp and the conditional. Written as comparisons rather than
 * Math.min/Math.max, which pay for NaN and −0 handling that cannot matter
 * here (no operand is NaN or −0; see emit.ts) and measured 10–15 % slower.
 */

export const minFF =
  (a: NumFn, b: NumFn): NumFn =>
  () => {
    const x = a();
    const y = b();
    if (y < x) return y;
    return x;
  };

export const minFK =
  (a: NumFn, k: number): NumFn =>
  () => {
    const x = a();
    if (k < x) return k;
    return x;
  };

export const minSK =
  ({ values, index, miss }: Slot, k: number): NumFn =>
  () => {
    const x = values[index]!;
    if (Number.isNaN(x)) miss();
    if (k < x) return k;
    return x;
  };

export const maxFF =
  (a: NumFn, b: NumFn): NumFn =>
  () => {
    const x = a();
    const y = b();
    if (y > x) return y;
    return x;
  };

export const maxFK =
  (a: NumFn, k: number): NumFn =>
  () => {
    const x = a();
    if (k > x) return k;
    return x;
  };

export const maxSK =
  ({ values, index, miss }: Slot, k: number): NumFn =>
  () => {
    const x = values[index]!;
    if (Number.isNaN(x)) miss();
    if (k > x) return k;
    return x;
  };

/** min or max over three or more arguments, evaluated left to right. */
export const extremumN = (fns: readonly NumFn[], isMax: boolean): NumFn => {
  const count = fns.length;
  return () => {
    let best = fns[0]!();
    for (let i = 1; i < count; i++) {
      const v = fns[i]!();
      if (isMax ? v > best : v < best) best = v;
    }
    return best;
  };
};

/** clamp with bounds known to satisfy lo ≤ hi (constants, or a bound proven at load). */
export const clampFKK =
  (x: NumFn, lo: number, hi: number): NumFn =>
  () => {
    const v = x();
    if (v < lo) return lo;
    if (v > hi) return hi;
    return v;
  };

export const clampSKK =
  ({ values, index, miss }: Slot, lo: number, hi: number): NumFn =>
  () => {
    const v = values[index]!;
    if (Number.isNaN(v)) miss();
    if (v < lo) return lo;
    if (v > hi) return hi;
    return v;
  };

/** clamp(x, k, hi) where hi ≥ k is proven at load (e.g. `max(…, $0)` above `$0`): no crossing check. */
export const clampFKFProven =
  (x: NumFn, lo: number, hi: NumFn): NumFn =>
  () => {
    const v = x();
    const h = hi();
    if (v < lo) return lo;
    if (v > h) return h;
    return v;
  };

/** clamp with computed bounds, evaluated left to right; `crossed` reports lo > hi. */
export const clampFFF =
  (x: NumFn, lo: NumFn, hi: NumFn, crossed: (lo: number, hi: number) => never): NumFn =>
  () => {
    const v = x();
    const l = lo();
    const h = hi();
    if (l > h) crossed(l, h);
    if (v < l) return l;
    if (v > h) return h;
    return v;
  };

export const condNum =
  (test: BoolFn, then: NumFn, otherwise: NumFn): NumFn =>
  () =>
    test() ? then() : otherwise();

export const condBool =
  (test: BoolFn, then: BoolFn, otherwise: BoolFn): BoolFn =>
  () =>
    test() ? then() : otherwise();
