/**
 * The four benchmark formulas and their hand-written equivalents. Each
 * hand-written function does the same exact arithmetic with the checks the
 * formula's semantics require and no more: it refuses a missing balance, and
 * it guards against overflow only where the operands can reach it.
 */

/** Slots: 0 checking, 1 savings. Context: 0 day_of_month, 1 day_of_week, 2 month, 3 hour. */
export const ACCOUNTS = ["checking", "savings"] as const;

const MAX = Number.MAX_SAFE_INTEGER;

const unavailable = (slot: number): never => {
  throw new Error(`balance in slot ${slot} is unavailable`);
};
const overflow = (): never => {
  throw new Error("overflow");
};

export interface BenchCase {
  readonly name: string;
  readonly source: string;
  readonly expect: "money" | "bool";
  /** Builds the hand-written evaluator over the same input arrays (slot order as ACCOUNTS). */
  readonly handWritten: (cents: Float64Array, context: Float64Array) => () => number | boolean;
}

export const CASES: readonly BenchCase[] = [
  {
    name: "sweep: excess over a floor, capped",
    source: "clamp(balance(checking) - $2_000, $0, $5_000)",
    expect: "money",
    handWritten: (cents) => () => {
      const checking = cents[0]!;
      if (Number.isNaN(checking)) unavailable(0);
      const excess = checking - 200_000;
      if (excess < -MAX) overflow();
      if (excess < 0) return 0;
      if (excess > 500_000) return 500_000;
      return excess;
    },
  },
  {
    name: "condition: weekday and enough in checking",
    source: "balance(checking) > $2_000 && day_of_week >= 1 && day_of_week <= 5",
    expect: "bool",
    handWritten: (cents, context) => () => {
      const checking = cents[0]!;
      if (Number.isNaN(checking)) unavailable(0);
      if (!(checking > 200_000)) return false;
      const weekday = context[1]!;
      if (Number.isNaN(weekday)) throw new Error("day_of_week not set");
      return weekday >= 1 && weekday <= 5;
    },
  },
  {
    name: "top-up from savings keeping a floor",
    source: "clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0))",
    expect: "money",
    handWritten: (cents) => () => {
      const checking = cents[0]!;
      if (Number.isNaN(checking)) unavailable(0);
      const shortfall = 150_000 - checking;
      if (shortfall > MAX) overflow();
      const savings = cents[1]!;
      if (Number.isNaN(savings)) unavailable(1);
      const spare = savings - 20_000;
      if (spare < -MAX) overflow();
      let cap = 0;
      if (spare > 0) cap = spare;
      if (shortfall < 0) return 0;
      if (shortfall > cap) return cap;
      return shortfall;
    },
  },
  {
    name: "percent of the excess, rounded",
    source: "pct(max(balance(checking) - $3_000, $0), 15)",
    expect: "money",
    handWritten: (cents) => () => {
      const checking = cents[0]!;
      if (Number.isNaN(checking)) unavailable(0);
      const excess = checking - 300_000;
      if (excess < -MAX) overflow();
      let product = 0;
      if (excess > 0) product = excess * 15;
      if (product > MAX) overflow();
      // product ≥ 0, so half away from zero is half up; the truncating division is exact below 2^53.
      const quotient = Math.trunc(product / 100);
      const rem = product - quotient * 100;
      return rem * 2 >= 100 ? quotient + 1 : quotient;
    },
  },
];
