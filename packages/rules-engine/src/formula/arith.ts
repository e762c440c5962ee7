/**
 * Exact integer division for safe integers, without BigInt and without float
 * drift: `%` on doubles is exact, and `num - rem` is an exact multiple of
 * `den`, so the division that follows is exact too. Callers guarantee
 * `den !== 0` and `|num|, |den| ≤ 2^53 − 1`.
 */

/** `num / den` rounded half away from zero (2.5 → 3, −2.5 → −3). */
export function roundQuotient(num: number, den: number): number {
  const rem = num % den;
  const quotient = (num - rem) / den;
  if (rem === 0) return quotient;
  // |rem| < |den| ≤ 2^53, so doubling it is exact.
  const twice = rem < 0 ? -2 * rem : 2 * rem;
  if (twice < (den < 0 ? -den : den)) return quotient;
  return rem < 0 === den < 0 ? quotient + 1 : quotient - 1;
}

/** `num / den` rounded toward −∞. */
export function floorQuotient(num: number, den: number): number {
  const rem = num % den;
  const quotient = (num - rem) / den;
  return rem !== 0 && rem < 0 !== den < 0 ? quotient - 1 : quotient;
}

/** `num / den` rounded toward +∞. */
export function ceilQuotient(num: number, den: number): number {
  const rem = num % den;
  const quotient = (num - rem) / den;
  return rem !== 0 && rem < 0 === den < 0 ? quotient + 1 : quotient;
}
