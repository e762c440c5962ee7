import { describe, expect, it } from "vitest";
import { type CompiledFormula, compileFormula, createFormulaEnv, type FormulaExpect } from "./index.js";

const ACCOUNTS = ["checking", "savings", "income"];

function compile<E extends FormulaExpect>(source: string, expectType: E): CompiledFormula<E> {
  const result = compileFormula(source, { expect: expectType, accounts: ACCOUNTS });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.formula;
}

describe("compiled formula", () => {
  it("describes itself", () => {
    const formula = compile(
      "day_of_week == 5 ? clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0)) : pct(balance(income), 10) + balance(checking) * 0",
      "money",
    );
    expect({
      type: formula.type,
      aliases: formula.aliases,
      context: formula.context,
      canonical: formula.canonical,
      hash: formula.hash,
    }).toMatchInlineSnapshot(`
      {
        "aliases": [
          "checking",
          "savings",
          "income",
        ],
        "canonical": "((day_of_week == 5) ? clamp(($1_500 - balance(checking)), $0, max((balance(savings) - $200), $0)) : (pct(balance(income), 10) + (balance(checking) * 0)))",
        "context": [
          "day_of_week",
        ],
        "hash": "2c4f133a13a7c65d640a9e683397c53fab77e3b0bf0664db5ca1a6c3ff8ff938",
        "type": "money",
      }
    `);
    expect(Object.isFrozen(formula)).toBe(true);
    expect(Object.isFrozen(formula.aliases)).toBe(true);
  });

  it("keeps the source exactly as written", () => {
    const source = "  balance(checking)\n  - $5 ";
    expect(compile(source, "money").source).toBe(source);
  });

  it("types bool formulas as conditions", () => {
    const formula = compile("balance(checking) > $2_000", "bool");
    const env = createFormulaEnv({ accounts: ACCOUNTS });
    env.setBalance("checking", 300_000);
    const run: () => boolean = formula.bind(env);
    expect(run()).toBe(true);
    expect(formula.type).toBe("bool");
  });
});

describe("hash", () => {
  const hash = (source: string): string => compile(source, "money").hash;
  const base = hash("clamp(balance(checking) - $2_000, $0, $5_000)");

  it.each([
    "clamp(balance(checking)-$2_000,$0,$5_000)",
    "  clamp( balance( checking ) - $2_000 ,\n    $0 ,\n    $5_000 )  ",
    "clamp((balance(checking) - $2_000), ($0), (($5_000)))",
    "clamp(balance(checking) - $2000, $0.00, $5_000.0)",
    "clamp(balance(checking) - $2_000.00, $0, $5000)",
  ])("is unchanged by layout, redundant parentheses and literal spelling: %j", (source) => {
    expect(hash(source)).toBe(base);
  });

  it.each([
    "clamp(balance(savings) - $2_000, $0, $5_000)",
    "clamp(balance(checking) - $2_000.01, $0, $5_000)",
    "clamp(balance(checking) - $2_000, $0, $5_001)",
    "max(balance(checking) - $2_000, $0)",
    "clamp($2_000 - balance(checking), $0, $5_000)",
  ])("changes with meaning: %j", (source) => {
    expect(hash(source)).not.toBe(base);
  });

  it("tells apart groupings that evaluate differently", () => {
    expect(hash("$10 - $3 - $2")).not.toBe(hash("$10 - ($3 - $2)"));
    expect(hash("$1 + $2 * 3")).not.toBe(hash("($1 + $2) * 3"));
    expect(hash("$10 - $3 - $2")).toBe(hash("($10 - $3) - $2"));
  });
});

describe("evaluate", () => {
  it("binds once per environment and reports errors as data", () => {
    const formula = compile("balance(checking) - $1", "money");
    const env = createFormulaEnv({ accounts: ACCOUNTS });
    expect(formula.evaluate(env)).toMatchObject({ ok: false, error: { code: "BALANCE_MISSING" } });
    env.setBalance("checking", 250);
    expect(formula.evaluate(env)).toEqual({ ok: true, value: 150 });
    const other = createFormulaEnv({ accounts: ["checking"] });
    other.setBalance("checking", 1_000);
    expect(formula.evaluate(other)).toEqual({ ok: true, value: 900 });
    expect(formula.evaluate(env)).toEqual({ ok: true, value: 150 });
  });
});

describe("compile-time folding", () => {
  it("folds constant parts without changing results", () => {
    const env = createFormulaEnv({ accounts: ACCOUNTS });
    env.setBalance("checking", 10_000);
    env.setContext({ dayOfMonth: 1, dayOfWeek: 1, month: 1, hour: 1 });
    const value = (source: string): unknown => compile(source, "money").evaluate(env);
    expect(value("balance(checking) + ($1 + $2) * (2 - 1)")).toEqual({ ok: true, value: 10_300 });
    expect(value("(3 > 2 ? $5 : balance(checking)) + min($1, $2, $3)")).toEqual({ ok: true, value: 600 });
    expect(value("(1 > 2 && day_of_week == 1) || 2 > 1 ? $1 : $2")).toEqual({ ok: true, value: 100 });
    expect(value("(day_of_week == 1 && 1 > 2) ? $1 : $2")).toEqual({ ok: true, value: 200 });
    expect(value("(2 > 1 || balance(savings) > $0) ? $7 : $2")).toEqual({ ok: true, value: 700 });
  });

  it("still evaluates the operands before a constant that ends a chain", () => {
    // `balance(savings) > $0 && 1 > 2` is false, but a missing savings balance is still an error.
    const env = createFormulaEnv({ accounts: ACCOUNTS });
    const formula = compileFormula("balance(savings) > $0 && 1 > 2", { expect: "bool", accounts: ACCOUNTS });
    expect(formula.ok && formula.formula.evaluate(env)).toMatchObject({
      ok: false,
      error: { code: "BALANCE_MISSING" },
    });
    env.setBalance("savings", 5);
    expect(formula.ok && formula.formula.evaluate(env)).toEqual({ ok: true, value: false });
  });

  it("reports constant failures at load even inside a branch that may not run", () => {
    const result = compileFormula("balance(checking) > $0 ? round($1 / 0) : $0", {
      expect: "money",
      accounts: ACCOUNTS,
    });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(["DIVISION_BY_ZERO"]);
  });

  it("skips constant failures in a branch a constant condition never takes", () => {
    const result = compileFormula("1 > 2 ? round($1 / 0) : $3", { expect: "money", accounts: ACCOUNTS });
    expect(result.ok && result.formula.canonical).toBe("((1 > 2) ? round(($1 / 0)) : $3)");
  });
});
