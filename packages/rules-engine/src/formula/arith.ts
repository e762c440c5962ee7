/**
 * Exact integer arithmetic on safe integers, without BigInt and without float
 * drift. No function here returns −0 for inputs that are not −0, so a money
 * result is always a plain integer (see the invariant in emit.ts).
 *
 * Division: for integers with |num| ≤ 2^53 − 1 and den ≠ 0,
 * `Math.trunc(num / den)` is the exact truncated quotient. If num/den is a
 * whole number it is representable and the division returns it exactly.
 * Otherwise its distance to the next whole number away from zero is at least
 * 1/|den|, while the rounding error of the division is at most half an ulp,
 * ≤ |num/den|·2^−53 < 1/|den| because |num| < 2^53: rounding can never reach
 * that whole number. The remainder `num − q·den` is then exact too, since
 * |q·den| ≤ |num|. The property test in arith.test.ts checks this against
 * BigInt on random inputs up to ±(2^53 − 1).
 */

/** 2^53 − 1: past it, integers stop being exact (spelled out so it inlines as a constant). */
export const MAX = 9007199254740991;

/** `num / den` rounded half away from zero (2.5 → 3, −2.5 → −3). */
export function roundQuotient(num: number, den: number): number {
  const quotient = Math.trunc(num / den);
  const rem = num - quotient * den;
  // |rem| < |den| ≤ 2^53, so doubling it is exact.
  if (rem === 0 || (rem < 0 ? -2 * rem : 2 * rem) < (den < 0 ? -den : den)) return quotient + 0;
  // rem·den > 0: the exact quotient lies above `quotient` (the product's sign is exact even past 2^53).
  return rem * den > 0 ? quotient + 1 : quotient - 1;
}

/** `num / den` rounded toward −∞. */
export function floorQuotient(num: number, den: number): number {
  const quotient = Math.trunc(num / den);
  const rem = num - quotient * den;
  return rem * den < 0 ? quotient - 1 : quotient + 0;
}

/** `num / den` rounded toward +∞. */
export function ceilQuotient(num: number, den: number): number {
  const quotient = Math.trunc(num / den);
  const rem = num - quotient * den;
  return rem * den > 0 ? quotient + 1 : quotient + 0;
}
