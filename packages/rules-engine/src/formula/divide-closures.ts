import { ceilQuotient, floorQuotient, MAX, roundQuotient } from "./arith.js";
import type { Fail, NumFn } from "./closure-kit.js";

export type Rounding = "round" | "floor" | "ceil";

/** `round|floor|ceil(num / k)` with a constant, non-zero denominator. */
export function divideFK(mode: Rounding, num: NumFn, k: number): NumFn {
  switch (mode) {
    case "round":
      return () => roundQuotient(num(), k);
    case "floor":
      return () => floorQuotient(num(), k);
    case "ceil":
      return () => ceilQuotient(num(), k);
  }
}

/** `round|floor|ceil(num / den)`, evaluated left to right; `byZero` reports a zero denominator. */
export function divideFF(mode: Rounding, num: NumFn, den: NumFn, byZero: Fail): NumFn {
  switch (mode) {
    case "round":
      return () => {
        const n = num();
        const d = den();
        if (d === 0) byZero();
        return roundQuotient(n, d);
      };
    case "floor":
      return () => {
        const n = num();
        const d = den();
        if (d === 0) byZero();
        return floorQuotient(n, d);
      };
    case "ceil":
      return () => {
        const n = num();
        const d = den();
        if (d === 0) byZero();
        return ceilQuotient(n, d);
      };
  }
}

/** `pct(amount, k)`: amount × k / 100, half away from zero, in one closure. */
export const pctFK =
  (amount: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const product = amount() * k;
    if (product > MAX || product < -MAX) fail();
    return roundQuotient(product, 100);
  };

/**
 * `pct(amount, k)` where amount ≥ 0 is proven at load and k ≥ 0: the product
 * cannot go below zero, so one overflow bound and half-up rounding suffice.
 */
export const pctNonNegativeFK =
  (amount: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const product = amount() * k;
    if (product > MAX) fail();
    const quotient = Math.trunc(product / 100);
    return product - quotient * 100 >= 50 ? quotient + 1 : quotient;
  };
