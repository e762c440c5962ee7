import { formatMoneyLiteral } from "@seqd/core";
import { describe, expect, it } from "vitest";
import { ceilQuotient, floorQuotient, roundQuotient } from "./arith.js";
import { compileFormula, createFormulaEnv } from "./index.js";

/**
 * Property tests: rounding of `a * n / d` against BigInt reference arithmetic,
 * on seeded random inputs up to ±(2^53 − 1), including exact overflow
 * detection of the product and zero denominators.
 */

const MAX = Number.MAX_SAFE_INTEGER;
const BIG_MAX = BigInt(MAX);
type Mode = "round" | "floor" | "ceil";
const MODES: readonly Mode[] = ["round", "floor", "ceil"];

/** mulberry32: 32 random bits per call, reproducible from the seed. */
function createRandom(seed: number): { bits32(): number; below(n: number): number; int53(): number } {
  let state = seed >>> 0;
  const bits32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const below = (n: number): number => Math.floor((bits32() / 2 ** 32) * n);
  /** A uniformly random magnitude of a random bit length (so small and huge values are both common). */
  const int53 = (): number => {
    const bits = below(54);
    const value = (bits32() & 0x1fffff) * 2 ** 32 + bits32();
    return Math.floor(value / 2 ** (53 - bits));
  };
  return { bits32, below, int53 };
}

type Reference = { value: number } | { error: "OVERFLOW" | "DIVISION_BY_ZERO" };

/** mode(a * n / d) in BigInt, with the same failure rules as the language. */
function reference(a: number, n: number, d: number, mode: Mode): Reference {
  const product = BigInt(a) * BigInt(n);
  if (product > BIG_MAX || product < -BIG_MAX) return { error: "OVERFLOW" };
  if (d === 0) return { error: "DIVISION_BY_ZERO" };
  return { value: Number(divide(product, BigInt(d), mode)) };
}

function divide(num: bigint, den: bigint, mode: Mode): bigint {
  const quotient = num / den;
  const rem = num % den;
  if (rem === 0n) return quotient;
  const up = rem > 0n === den > 0n; // the exact quotient lies above the truncated one
  switch (mode) {
    case "floor":
      return up ? quotient : quotient - 1n;
    case "ceil":
      return up ? quotient + 1n : quotient;
    case "round": {
      const twice = 2n * (rem < 0n ? -rem : rem);
      if (twice < (den < 0n ? -den : den)) return quotient;
      return up ? quotient + 1n : quotient - 1n;
    }
  }
}

function signed(random: ReturnType<typeof createRandom>, magnitude: number): number {
  return random.below(2) === 0 ? magnitude : magnitude === 0 ? 0 : -magnitude;
}

/** Inputs mixing small values, full-range values, values next to 2^53 and products right at the limit. */
function randomCase(random: ReturnType<typeof createRandom>): { a: number; n: number; d: number } {
  const pick = (): number => {
    switch (random.below(5)) {
      case 0:
        return random.below(1_000_001);
      case 1:
        return MAX - random.below(1_000);
      case 2:
        return random.below(11);
      default:
        return random.int53();
    }
  };
  const n = signed(random, pick());
  let a = signed(random, pick());
  if (random.below(6) === 0 && n !== 0) {
    // Right at the overflow boundary: |a·n| within a few |n| of 2^53.
    a = signed(random, Math.min(MAX, Math.max(0, Math.floor(MAX / Math.abs(n)) + random.below(5) - 2)));
  }
  const d = random.below(20) === 0 ? 0 : signed(random, pick() || 1);
  return { a, n, d };
}

const moneyLiteral = (cents: number): string =>
  cents < 0 ? `-${formatMoneyLiteral(-cents)}` : formatMoneyLiteral(cents);

describe("exact quotients", () => {
  it.each(MODES)("%s(num / den) equals BigInt arithmetic on 100 000 random safe integers", (mode) => {
    const quotient = { round: roundQuotient, floor: floorQuotient, ceil: ceilQuotient }[mode];
    const random = createRandom(0x5eed + mode.length);
    let checked = 0;
    for (let i = 0; i < 100_000; i++) {
      const num = signed(random, random.below(4) === 0 ? MAX - random.below(100) : random.int53());
      const den = signed(random, random.below(3) === 0 ? random.below(1_000) + 1 : random.int53() || 1);
      const expected = Number(divide(BigInt(num), BigInt(den), mode));
      const actual = quotient(num, den);
      if (actual !== expected || Object.is(actual, -0)) {
        expect({ num, den, actual }).toEqual({ num, den, actual: expected });
      }
      checked++;
    }
    expect(checked).toBe(100_000);
  });

  it("rounds halves away from zero and never returns -0", () => {
    expect([5, -5, 15, -15].map((num) => roundQuotient(num, 10))).toEqual([1, -1, 2, -2]);
    expect([5, -5].map((num) => roundQuotient(num, -10))).toEqual([-1, 1]);
    expect(Object.is(roundQuotient(-4, 10), 0)).toBe(true);
    expect(Object.is(floorQuotient(0, -3), 0)).toBe(true);
    expect(Object.is(ceilQuotient(-2, 3), 0)).toBe(true);
  });
});

describe("compiled round/floor/ceil(a * n / d) against BigInt", () => {
  const accounts = ["a", "d"];
  const env = createFormulaEnv({ accounts });

  /**
   * Three shapes per case: a balance divided by a literal (closures), literals
   * only (folded at load) and a balance denominator (checked at run time).
   * Negative results are read through a leading minus, since an amount is ≥ 0.
   */
  function check(mode: Mode, a: number, n: number, d: number, shape: number): string | undefined {
    const expected = reference(a, n, d, mode);
    const negate = "value" in expected && expected.value < 0 ? "-" : "";
    const number = (v: number): string => (v < 0 ? `(-${-v})` : String(v));
    let source: string;
    if (shape === 0) source = `${negate}${mode}(balance(a) * ${number(n)} / ${number(d)})`;
    else if (shape === 1) source = `${negate}${mode}(${moneyLiteral(a)} * ${number(n)} / ${number(d)})`;
    else source = `${negate}${mode}(balance(a) * ${number(n)} / balance(d)) * $0.01`;
    const compiled = compileFormula(source, { expect: "money", accounts });
    env.setBalance("a", a);
    env.setBalance("d", d);
    let outcome: { value: number } | { error: string; at: string; load: boolean };
    if (compiled.ok) {
      const result = compiled.formula.evaluate(env);
      outcome = result.ok
        ? { value: negate ? -result.value : result.value }
        : { error: result.error.code, at: source.slice(result.error.start, result.error.end), load: false };
    } else {
      const [error] = compiled.errors;
      outcome = { error: error!.code, at: source.slice(error!.start, error!.end), load: true };
    }
    // Constant operands move failures to load time: a literal zero denominator
    // always, and an overflowing product when every operand is a literal.
    const loadZero = shape !== 2 && d === 0;
    const want: typeof outcome =
      "value" in expected && !loadZero
        ? { value: expected.value }
        : loadZero && !(shape === 1 && "error" in expected && expected.error === "OVERFLOW")
          ? {
              error: "DIVISION_BY_ZERO",
              at: source.slice(source.indexOf("(") + 1, source.lastIndexOf(")")),
              load: true,
            }
          : "error" in expected && expected.error === "OVERFLOW"
            ? {
                error: "OVERFLOW",
                at: source.slice(source.indexOf("(") + 1, source.lastIndexOf(" / ")),
                load: shape === 1,
              }
            : {
                error: "DIVISION_BY_ZERO",
                at: source.slice(source.indexOf("(") + 1, source.indexOf(")) * $0.01") + 1),
                load: false,
              };
    return JSON.stringify(outcome) === JSON.stringify(want)
      ? undefined
      : `${source} with a=${a} d=${d}: got ${JSON.stringify(outcome)}, want ${JSON.stringify(want)}`;
  }

  it("agrees on 120 000 random cases (values near 2^53, negatives, overflow, zero)", () => {
    const random = createRandom(20_260_307);
    const failures: string[] = [];
    const seen = { value: 0, OVERFLOW: 0, DIVISION_BY_ZERO: 0 };
    for (let i = 0; i < 120_000; i++) {
      const { a, n, d } = randomCase(random);
      const mode = MODES[i % 3]!;
      const expected = reference(a, n, d, mode);
      seen["value" in expected ? "value" : expected.error]++;
      const failure = check(mode, a, n, d, Math.floor(i / 3) % 3);
      if (failure !== undefined && failures.length < 10) failures.push(failure);
    }
    expect(failures).toEqual([]);
    // The generator must actually reach every outcome, many times.
    expect(seen.value).toBeGreaterThan(50_000);
    expect(seen.OVERFLOW).toBeGreaterThan(10_000);
    expect(seen.DIVISION_BY_ZERO).toBeGreaterThan(1_000);
  });

  it("detects overflow exactly at the boundary", () => {
    // 3 × 3002399751580330 = 9007199254740990 ≤ 2^53 − 1; one more cent overflows.
    expect(check("round", 3_002_399_751_580_330, 3, 7, 0)).toBeUndefined();
    expect(check("round", 3_002_399_751_580_331, 3, 7, 0)).toBeUndefined();
    expect(reference(3_002_399_751_580_331, 3, 7, "round")).toEqual({ error: "OVERFLOW" });
    expect(check("floor", -MAX, 1, -1, 0)).toBeUndefined();
    expect(check("ceil", MAX, -1, 2, 1)).toBeUndefined();
  });
});
