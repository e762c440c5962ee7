import { describe, expect, it } from "vitest";
import {
  compileFormula,
  createFormulaEnv,
  type FormulaContext,
  type FormulaEnv,
  type FormulaExpect,
  FormulaRuntimeError,
} from "./index.js";

const ACCOUNTS = ["checking", "savings", "income"];
// Tuesday 2026-03-10, 09:00.
const TUESDAY: FormulaContext = { dayOfMonth: 10, dayOfWeek: 2, month: 3, hour: 9 };

interface Inputs {
  readonly balances?: Readonly<Record<string, number | "missing" | "stale">>;
  readonly context?: FormulaContext | null;
}

function envWith({ balances = {}, context = TUESDAY }: Inputs): FormulaEnv {
  const env = createFormulaEnv({ accounts: ACCOUNTS });
  for (const [alias, value] of Object.entries(balances)) {
    if (typeof value === "number") env.setBalance(alias, value);
    else env.setUnavailable(alias, value);
  }
  if (context !== null) env.setContext(context);
  return env;
}

function evaluate(source: string, expectType: FormulaExpect, inputs: Inputs = {}): unknown {
  const compiled = compileFormula(source, { expect: expectType, accounts: ACCOUNTS });
  if (!compiled.ok) throw new Error(`${source}: ${JSON.stringify(compiled.errors)}`);
  const result = compiled.formula.evaluate(envWith(inputs));
  if (result.ok) return result.value;
  const { code, start, end, alias, message } = result.error;
  return { code, start, end, alias, message };
}

const money = (source: string, inputs?: Inputs): unknown => evaluate(source, "money", inputs);
const bool = (source: string, inputs?: Inputs): unknown => evaluate(source, "bool", inputs);

describe("literals and arithmetic", () => {
  it.each([
    ["$1_500.25", 150_025],
    ["$0.25", 25],
    ["$12.5", 1_250],
    ["$0", 0],
    ["$1 + $2.50", 350],
    ["$10 - $3 - $2", 500],
    ["$10 - ($3 - $2)", 900],
    ["$1 + $2 * 3", 700],
    ["($1 + $2) * 3", 900],
    ["3 * $2", 600],
    ["$2 * (1 + 2) * 2", 1_200],
    ["$5 * (10 - 4 * 2)", 1_000],
    ["-(-$5)", 500],
    ["$3 + -$1", 200],
    ["$3 - -$1", 400],
  ])("%s = %i cents", (source, cents) => {
    expect(money(source)).toBe(cents);
  });

  it.each([
    ["balance(checking) + balance(savings)", 150_000],
    ["balance(checking) - balance(savings)", 50_000],
    ["balance(checking) - $200", 80_000],
    ["$200 + balance(checking)", 120_000],
    ["$2_000 - balance(savings)", 150_000],
    ["balance(checking) * 2", 200_000],
    ["2 * balance(checking)", 200_000],
    ["balance(checking) * (day_of_month - 8)", 200_000],
    ["(balance(checking) + $1) * 2", 200_200],
    ["-balance(income) + $500", 100_000],
    ["balance(checking) * day_of_month * 2", 2_000_000],
  ])("%s = %i cents", (source, cents) => {
    expect(money(source, { balances: { checking: 100_000, savings: 50_000, income: -50_000 } })).toBe(cents);
  });

  it("never produces -0", () => {
    const result = money("balance(income) * 0", { balances: { income: -500 } });
    expect(Object.is(result, 0)).toBe(true);
    expect(Object.is(money("round(-$0.01 / 3) + $0"), 0)).toBe(true);
  });
});

describe("division and rounding", () => {
  // Cents: $0.05 / 2 = 2.5 cents, $0.07 / 2 = 3.5 cents, $0.10 / 3 = 3.33… cents.
  it.each([
    ["round($0.05 / 2)", 3],
    ["round($0.07 / 2)", 4],
    ["round($0.10 / 3)", 3],
    ["round($0.20 / 3)", 7],
    ["floor($0.05 / 2)", 2],
    ["floor($0.20 / 3)", 6],
    ["ceil($0.10 / 3)", 4],
    ["ceil($0.09 / 3)", 3],
    ["round(balance(checking) * 3 / 10)", 30_000],
    ["round(balance(checking) / 3)", 33_333],
    ["ceil(balance(checking) / 3)", 33_334],
    ["round(balance(checking) * 2 / day_of_month)", 20_000],
    ["round(balance(checking) / balance(savings)) * $1", 200],
    ["round(balance(checking) * 100 / balance(savings)) * $0.01", 200],
    ["floor((balance(checking) - $1) / 4)", 24_975],
  ])("%s = %i cents", (source, cents) => {
    expect(money(source, { balances: { checking: 100_000, savings: 50_000 } })).toBe(cents);
  });

  it.each([
    ["round(-$0.05 / 2) == -$0.03", true],
    ["round($0.05 / -2) == -$0.03", true],
    ["round(-$0.05 / -2) == $0.03", true],
    ["floor(-$0.05 / 2) == -$0.03", true],
    ["ceil(-$0.05 / 2) == -$0.02", true],
    ["round(-$0.04 / 3) == -$0.01", true],
    ["floor(-$0.06 / 3) == -$0.02", true],
    ["round(7 / 2) == 4", true],
    ["round(-7 / 2) == -4", true],
    ["floor(-7 / 2) == -4", true],
    ["ceil(-7 / 2) == -3", true],
    ["round($9 / $2) == 5", true],
  ])("%s", (source, value) => {
    expect(bool(source)).toBe(value);
  });

  it("rounds exactly where floating point drifts", () => {
    // 0.1 * 3 / 10 in floats is 0.030000000000000006; cents stay exact.
    expect(money("round(balance(checking) * 3 / 10)", { balances: { checking: 10 } })).toBe(3);
    // 9007199254740991 / 2 is 4503599627370495.5: a float would round to …496 either way.
    expect(money("floor(balance(checking) / 2)", { balances: { checking: Number.MAX_SAFE_INTEGER } })).toBe(
      4_503_599_627_370_495,
    );
    expect(money("round(balance(checking) / 2)", { balances: { checking: Number.MAX_SAFE_INTEGER } })).toBe(
      4_503_599_627_370_496,
    );
  });

  it("reports a zero denominator computed at run time", () => {
    expect(
      money("round(balance(checking) * 3 / balance(savings)) * $1", {
        balances: { checking: 5, savings: 0 },
      }),
    ).toMatchInlineSnapshot(`
        {
          "alias": undefined,
          "code": "DIVISION_BY_ZERO",
          "end": 46,
          "message": ""balance(checking) * 3 / balance(savings)" divides by zero",
          "start": 6,
        }
      `);
  });
});

describe("pct", () => {
  it.each([
    ["pct(balance(income), 10)", 123_457, 12_346],
    ["pct(balance(income), 15)", 1_000, 150],
    ["pct(balance(income), 50)", 5, 3],
    ["pct(balance(income), 50)", 3, 2],
    ["pct(balance(income), 1)", 49, 0],
    ["pct(balance(income), 1)", 50, 1],
    ["pct(balance(income), 100)", 77, 77],
    ["pct(balance(income), day_of_month)", 1_000, 100],
    ["pct(balance(income), 250)", 1_000, 2_500],
  ])("%s with income %i = %i", (source, income, cents) => {
    expect(money(source, { balances: { income } })).toBe(cents);
  });

  it("rounds halves up when the amount is provably not negative", () => {
    expect(money("pct(max(balance(income), $0), 50)", { balances: { income: 5 } })).toBe(3);
    expect(money("pct(max(balance(income), $0), 50)", { balances: { income: 3 } })).toBe(2);
    expect(money("pct(abs(balance(income)), 1)", { balances: { income: -49 } })).toBe(0);
    expect(money("pct(abs(balance(income)), 1)", { balances: { income: -50 } })).toBe(1);
  });

  it("rounds negative halves away from zero", () => {
    expect(bool("pct(balance(income), 50) == -$0.03", { balances: { income: -5 } })).toBe(true);
    expect(bool("pct(balance(income), -50) == -$0.03", { balances: { income: 5 } })).toBe(true);
  });
});

describe("min, max, clamp, abs", () => {
  const balances = { checking: 90_000, savings: 500_000, income: -2_500 };
  it.each([
    ["min(balance(checking), balance(savings))", 90_000],
    ["max(balance(checking), balance(savings))", 500_000],
    ["min(balance(checking), $500)", 50_000],
    ["max($500, balance(checking))", 90_000],
    ["max(balance(income), $0)", 0],
    ["min(balance(checking), balance(savings), $100, $2_000)", 10_000],
    ["max(balance(income), $1, balance(checking), $2)", 90_000],
    ["min(balance(checking) - $1, $2_000)", 89_900],
    ["balance(checking) * min(day_of_month, 3, 4)", 270_000],
    ["clamp(balance(checking), $0, $500)", 50_000],
    ["clamp(balance(income), $0, $500)", 0],
    ["clamp(balance(checking) - $2_000, $0, $5_000)", 0],
    ["clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0))", 60_000],
    ["clamp(balance(checking), balance(income), balance(savings))", 90_000],
    ["clamp(balance(checking), $1_000, balance(savings))", 100_000],
    ["abs(balance(income))", 2_500],
    ["abs(balance(checking))", 90_000],
    ["balance(checking) * abs(-2)", 180_000],
  ])("%s = %i cents", (source, cents) => {
    expect(money(source, { balances })).toBe(cents);
  });

  it("refuses clamp bounds that cross at run time", () => {
    expect(
      money("clamp($50, $100, balance(savings))", { balances: { savings: 5_000 } }),
    ).toMatchInlineSnapshot(`
      {
        "alias": undefined,
        "code": "CLAMP_BOUNDS_CROSSED",
        "end": 34,
        "message": "clamp bounds are crossed in "clamp($50, $100, balance(savings))": lo $100.00 is above hi $50.00",
        "start": 0,
      }
    `);
    expect(money("clamp($50, balance(savings), $10)", { balances: { savings: 5_000 } })).toMatchObject({
      code: "CLAMP_BOUNDS_CROSSED",
    });
  });
});

describe("comparisons and conditions", () => {
  const balances = { checking: 250_000, savings: 100_000 };
  it.each([
    ["balance(checking) > $2_000", true],
    ["balance(checking) >= $2_500", true],
    ["balance(checking) > $2_500", false],
    ["balance(checking) < $2_500", false],
    ["balance(checking) <= $2_500", true],
    ["balance(checking) == $2_500", true],
    ["balance(checking) != $2_500", false],
    ["$2_000 < balance(checking)", true],
    ["$2_500 <= balance(checking)", true],
    ["$2_000 > balance(checking)", false],
    ["$2_500 >= balance(checking)", true],
    ["$2_500 == balance(checking)", true],
    ["$2_500 != balance(checking)", false],
    ["balance(checking) > balance(savings)", true],
    ["balance(checking) - $1 < balance(savings) * 3", true],
    ["balance(checking) - $1 == balance(savings) * 3", false],
    ["day_of_week >= 1 && day_of_week <= 5", true],
    ["day_of_week == 0 || day_of_week == 6", false],
    ["day_of_month == 1 || day_of_month == 10 || day_of_month == 15", true],
    ["month == 3 && hour >= 9 && hour < 17 && day_of_week != 0", true],
    ["month == 3 && hour >= 9 && hour < 17 && day_of_week != 0 && day_of_month > 20", false],
    [
      "day_of_week == 1 || day_of_week == 3 || day_of_week == 5 || day_of_week == 6 || day_of_week == 2",
      true,
    ],
    ["!(day_of_week == 0)", true],
    ["!!(day_of_week == 0)", false],
    ["day_of_week == 0 || hour > 8 && month == 4", false],
    ["(day_of_week == 0 || hour > 8) && month == 3", true],
    ["day_of_week == 2 ? balance(checking) > $1 : balance(savings) > $1_000", true],
    ["3 > 2", true],
    ["$1 == $1.00", true],
  ])("%s is %s", (source, value) => {
    expect(bool(source, { balances })).toBe(value);
  });

  it.each([
    ["day_of_week == 2 ? $10 : $20", 1_000],
    ["day_of_week == 3 ? $10 : $20", 2_000],
    ["day_of_week == 3 ? $10 : day_of_week == 2 ? $15 : $20", 1_500],
    ["balance(checking) > $1_000 ? balance(checking) - $1_000 : $0", 150_000],
  ])("%s = %i cents", (source, cents) => {
    expect(money(source, { balances })).toBe(cents);
  });

  it("evaluates only what it needs: short-circuits and the taken branch", () => {
    const savingsMissing = { balances: { checking: 100, savings: "missing" as const } };
    expect(bool("balance(checking) > $5 && balance(savings) > $0", savingsMissing)).toBe(false);
    expect(bool("balance(checking) < $5 || balance(savings) > $0", savingsMissing)).toBe(true);
    expect(money("balance(checking) > $5 ? balance(savings) : $1", savingsMissing)).toBe(100);
    expect(bool("balance(checking) < $5 && balance(savings) > $0", savingsMissing)).toMatchObject({
      code: "BALANCE_MISSING",
      alias: "savings",
    });
  });
});

describe("run-time errors", () => {
  it("refuses a missing balance, naming the alias and its offsets", () => {
    expect(money("max(balance(savings) - $200, $0)", { balances: { checking: 5 } })).toMatchInlineSnapshot(`
      {
        "alias": "savings",
        "code": "BALANCE_MISSING",
        "end": 20,
        "message": "balance(savings) has no successful reading",
        "start": 4,
      }
    `);
  });

  it("refuses a stale balance", () => {
    expect(
      money("balance(checking) + balance(savings)", { balances: { checking: 5, savings: "stale" } }),
    ).toMatchInlineSnapshot(`
        {
          "alias": "savings",
          "code": "BALANCE_STALE",
          "end": 36,
          "message": "balance(savings) is stale (older than polling.staleAfter)",
          "start": 20,
        }
      `);
  });

  it("refuses context values the caller did not set", () => {
    expect(bool("day_of_week == 1", { context: null })).toMatchInlineSnapshot(`
      {
        "alias": undefined,
        "code": "CONTEXT_MISSING",
        "end": 11,
        "message": "day_of_week was not set: the caller supplies the context values",
        "start": 0,
      }
    `);
  });

  it("refuses a negative amount instead of answering it", () => {
    expect(money("balance(checking) - $100", { balances: { checking: 2_500 } })).toMatchInlineSnapshot(`
      {
        "alias": undefined,
        "code": "NEGATIVE_AMOUNT",
        "end": 24,
        "message": "the amount is negative (-$75.00); an amount must be $0 or more",
        "start": 0,
      }
    `);
  });

  it.each([
    ["balance(checking) + balance(savings)", { checking: Number.MAX_SAFE_INTEGER, savings: 1 }, 0, 36],
    ["balance(checking) + $0.01", { checking: Number.MAX_SAFE_INTEGER }, 0, 25],
    ["balance(checking) - balance(savings) + $1", { checking: -Number.MAX_SAFE_INTEGER, savings: 1 }, 0, 36],
    ["$1 - balance(checking)", { checking: -Number.MAX_SAFE_INTEGER }, 0, 22],
    ["balance(checking) * 2", { checking: 2 ** 52 }, 0, 21],
    ["balance(checking) * day_of_month", { checking: 2 ** 50 }, 0, 32],
    ["round(balance(checking) * 1000 / 3)", { checking: 2 ** 45 }, 6, 30],
    ["pct(balance(checking), 200)", { checking: 2 ** 52 }, 0, 27],
    ["pct(abs(balance(checking)), 200)", { checking: -(2 ** 52) }, 0, 32],
    ["max(balance(checking) + balance(savings), $0)", { checking: 2 ** 52, savings: 2 ** 52 }, 4, 40],
  ])("refuses an intermediate beyond 2^53: %s", (source, balances, start, end) => {
    expect(money(source, { balances })).toMatchObject({ code: "OVERFLOW", start, end });
  });

  it("explains an overflow with the expression and the limit", () => {
    expect(money("balance(checking) * 2", { balances: { checking: 2 ** 52 } })).toMatchObject({
      message: '"balance(checking) * 2" is beyond ±$90,071,992,547,409.91, where integers stop being exact',
    });
  });

  it("reaches exactly ±(2^53 - 1) without failing", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(money("balance(checking) + $0.01", { balances: { checking: max - 1 } })).toBe(max);
    expect(
      bool("balance(checking) - $0.01 == balance(savings)", {
        balances: { checking: 1 - max, savings: -max },
      }),
    ).toBe(true);
  });

  it("throws FormulaRuntimeError from the bound evaluator", () => {
    const compiled = compileFormula("balance(checking) - $1", { expect: "money", accounts: ACCOUNTS });
    if (!compiled.ok) throw new Error("does not compile");
    const env = envWith({ balances: { checking: 50 } });
    const run = compiled.formula.bind(env);
    expect(run).toThrow(FormulaRuntimeError);
    env.setBalance("checking", 150);
    expect(run()).toBe(50);
  });
});
