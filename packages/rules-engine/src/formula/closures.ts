import { ceilQuotient, floorQuotient, roundQuotient } from "./arith.js";

/**
 * Closure factories for the compiler. Each returns a small monomorphic
 * function; variants with a constant operand avoid a call per evaluation.
 * `fail` throws the node's FormulaRuntimeError and is only reached on error,
 * so the success path allocates nothing.
 */

export type NumFn = () => number;
export type BoolFn = () => boolean;
export type Fail = () => never;

/** 2^53 − 1: past it, integers stop being exact (spelled out so it inlines as a constant). */
const MAX = 9007199254740991;

export const addFn =
  (a: NumFn, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = a() + b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

/** `a + k`; also `a - k` as `a + (−k)`, since −k is exact. */
export const addConst =
  (a: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const v = a() + k;
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const subFn =
  (a: NumFn, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = a() - b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

/** `k - b`. */
export const subFromConst =
  (k: number, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = k - b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const mulFn =
  (a: NumFn, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = a() * b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const mulConst =
  (a: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const v = a() * k;
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const negFn =
  (a: NumFn): NumFn =>
  () =>
    -a();

export const absFn =
  (a: NumFn): NumFn =>
  () => {
    const v = a();
    return v < 0 ? -v : v;
  };

export const minFn =
  (a: NumFn, b: NumFn): NumFn =>
  () => {
    const x = a();
    return Math.min(x, b());
  };

export const minConst =
  (a: NumFn, k: number): NumFn =>
  () => {
    return Math.min(a(), k);
  };

export const maxFn =
  (a: NumFn, b: NumFn): NumFn =>
  () => {
    const x = a();
    return Math.max(x, b());
  };

export const maxConst =
  (a: NumFn, k: number): NumFn =>
  () => {
    return Math.max(a(), k);
  };

/** min/max over three or more arguments, evaluated left to right. */
export const extremumFn = (fns: readonly NumFn[], isMax: boolean): NumFn => {
  const first = fns[0]!;
  const count = fns.length;
  return isMax
    ? () => {
        let best = first();
        for (let i = 1; i < count; i++) {
          const v = fns[i]!();
          if (v > best) best = v;
        }
        return best;
      }
    : () => {
        let best = first();
        for (let i = 1; i < count; i++) {
          const v = fns[i]!();
          if (v < best) best = v;
        }
        return best;
      };
};

/** clamp with constant bounds, already checked lo ≤ hi. */
export const clampConst =
  (x: NumFn, lo: number, hi: number): NumFn =>
  () => {
    return Math.min(Math.max(x(), lo), hi);
  };

/** clamp with computed bounds; `crossed` reports lo > hi. */
export const clampFn =
  (x: NumFn, lo: NumFn, hi: NumFn, crossed: (lo: number, hi: number) => never): NumFn =>
  () => {
    const v = x();
    const l = lo();
    const h = hi();
    if (l > h) crossed(l, h);
    return Math.min(Math.max(v, l), h);
  };

export type Rounding = "round" | "floor" | "ceil";

const QUOTIENT: Readonly<Record<Rounding, (num: number, den: number) => number>> = {
  round: roundQuotient,
  floor: floorQuotient,
  ceil: ceilQuotient,
};

/** `round|floor|ceil(num / k)` with a constant, non-zero denominator. */
export const divideConst = (mode: Rounding, num: NumFn, k: number): NumFn => {
  switch (mode) {
    case "round":
      return () => roundQuotient(num(), k);
    case "floor":
      return () => floorQuotient(num(), k);
    case "ceil":
      return () => ceilQuotient(num(), k);
  }
};

/** `round|floor|ceil(num / den)`; `byZero` reports a zero denominator. */
export const divideFn = (mode: Rounding, num: NumFn, den: NumFn, byZero: Fail): NumFn => {
  const quotient = QUOTIENT[mode];
  return () => {
    const n = num();
    const d = den();
    if (d === 0) byZero();
    return quotient(n, d);
  };
};

/** `pct(amount, k)`: amount × k / 100, half away from zero. */
export const pctConst =
  (amount: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const product = amount() * k;
    if (product > MAX || product < -MAX) fail();
    return roundQuotient(product, 100);
  };

export const pctFn =
  (amount: NumFn, percent: NumFn, fail: Fail): NumFn =>
  () => {
    const product = amount() * percent();
    if (product > MAX || product < -MAX) fail();
    return roundQuotient(product, 100);
  };

export const condNum =
  (test: BoolFn, then: NumFn, otherwise: NumFn): NumFn =>
  () =>
    test() ? then() : otherwise();

export const condBool =
  (test: BoolFn, then: BoolFn, otherwise: BoolFn): BoolFn =>
  () =>
    test() ? then() : otherwise();

export const andFn =
  (a: BoolFn, b: BoolFn): BoolFn =>
  () =>
    a() && b();

export const orFn =
  (a: BoolFn, b: BoolFn): BoolFn =>
  () =>
    a() || b();

export const notFn =
  (a: BoolFn): BoolFn =>
  () =>
    !a();
