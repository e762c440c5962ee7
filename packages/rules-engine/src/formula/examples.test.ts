import { describe, expect, it } from "vitest";
import { compileFormula, createFormulaEnv, type FormulaContext, type FormulaExpect } from "./index.js";

/**
 * The ten worked examples of docs/formulas.md, with the inputs and results
 * printed there. Keep the two in step: a change here is a change there.
 */
const ACCOUNTS = ["checking", "savings", "income", "bills", "vacation"];

interface Example {
  readonly title: string;
  readonly expect: FormulaExpect;
  readonly formula: string;
  readonly cases: readonly {
    readonly balances: Readonly<Record<string, number | "stale">>;
    readonly context?: FormulaContext;
    readonly result: number | boolean | string;
  }[];
}

const monday = (dayOfMonth: number): FormulaContext => ({ dayOfMonth, dayOfWeek: 1, month: 6, hour: 9 });
const saturday: FormulaContext = { dayOfMonth: 13, dayOfWeek: 6, month: 6, hour: 9 };

const EXAMPLES: readonly Example[] = [
  {
    title: "1. Sweep the excess over a floor, capped",
    expect: "money",
    formula: "clamp(balance(checking) - $2_000, $0, $5_000)",
    cases: [
      { balances: { checking: 325_075 }, result: 125_075 },
      { balances: { checking: 900_000 }, result: 500_000 },
      { balances: { checking: 150_000 }, result: 0 },
    ],
  },
  {
    title: "2. Top up checking to a target from savings, keeping a floor in savings",
    expect: "money",
    formula: "clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0))",
    cases: [
      { balances: { checking: 90_000, savings: 500_000 }, result: 60_000 },
      { balances: { checking: 90_000, savings: 45_000 }, result: 25_000 },
      { balances: { checking: 180_000, savings: 500_000 }, result: 0 },
      { balances: { checking: 90_000, savings: "stale" }, result: "BALANCE_STALE" },
    ],
  },
  {
    title: "3. A percentage of income",
    expect: "money",
    formula: "pct(balance(income), 20)",
    cases: [
      { balances: { income: 345_678 }, result: 69_136 },
      { balances: { income: 2_501 }, result: 500 },
    ],
  },
  {
    title: "4. Payday split: 30 % of what is above the bills buffer",
    expect: "money",
    formula: "pct(max(balance(checking) - $2_500, $0), 30)",
    cases: [
      { balances: { checking: 432_109 }, result: 54_633 },
      { balances: { checking: 200_000 }, result: 0 },
    ],
  },
  {
    title: "5. A capped percentage",
    expect: "money",
    formula: "min(pct(balance(income), 10), $250)",
    cases: [
      { balances: { income: 300_000 }, result: 25_000 },
      { balances: { income: 180_055 }, result: 18_006 },
    ],
  },
  {
    title: "6. Whole dollars only",
    expect: "money",
    formula: "floor(max(balance(checking) - $1_000, $0) / $1) * $1",
    cases: [
      { balances: { checking: 223_456 }, result: 123_400 },
      { balances: { checking: 100_099 }, result: 0 },
    ],
  },
  {
    title: "7. Split the excess evenly between two pods",
    expect: "money",
    formula: "floor(max(balance(income) - $50, $0) / 2)",
    cases: [
      { balances: { income: 100_101 }, result: 47_550 },
      { balances: { income: 100_102 }, result: 47_551 },
    ],
  },
  {
    title: "8. Even out two pods, at most $1,000 at a time",
    expect: "money",
    formula: "clamp(round((balance(savings) - balance(vacation)) / 2), $0, $1_000)",
    cases: [
      { balances: { savings: 500_000, vacation: 420_001 }, result: 40_000 },
      { balances: { savings: 900_000, vacation: 100_000 }, result: 100_000 },
      { balances: { savings: 100_000, vacation: 300_000 }, result: 0 },
    ],
  },
  {
    title: "9. Only on weekdays, and only when checking can spare it",
    expect: "bool",
    formula: "day_of_week >= 1 && day_of_week <= 5 && balance(checking) > $2_000",
    cases: [
      { balances: { checking: 250_000 }, context: monday(8), result: true },
      { balances: { checking: 250_000 }, context: saturday, result: false },
      { balances: { checking: 150_000 }, context: monday(8), result: false },
    ],
  },
  {
    title: "10. The first Monday of the month, unless the bills pod is already full",
    expect: "bool",
    formula: "day_of_week == 1 && day_of_month <= 7 && balance(bills) < $3_000",
    cases: [
      { balances: { bills: 120_000 }, context: monday(1), result: true },
      { balances: { bills: 120_000 }, context: monday(8), result: false },
      { balances: { bills: 300_000 }, context: monday(1), result: false },
    ],
  },
];

describe("docs/formulas.md worked examples", () => {
  it("has ten of them", () => {
    expect(EXAMPLES).toHaveLength(10);
  });

  describe.each(EXAMPLES)("$title", (example) => {
    const compiled = compileFormula(example.formula, { expect: example.expect, accounts: ACCOUNTS });

    it("compiles", () => {
      expect(compiled.ok ? [] : compiled.errors).toEqual([]);
    });

    it.each(example.cases)("with $balances gives $result", ({ balances, context, result }) => {
      if (!compiled.ok) throw new Error("does not compile");
      const env = createFormulaEnv({ accounts: ACCOUNTS });
      for (const [alias, cents] of Object.entries(balances)) {
        if (cents === "stale") env.setUnavailable(alias, "stale");
        else env.setBalance(alias, cents);
      }
      if (context !== undefined) env.setContext(context);
      const outcome = compiled.formula.evaluate(env);
      expect(outcome.ok ? outcome.value : outcome.error.code).toBe(result);
    });
  });
});
