import { describe, expect, it } from "vitest";
import { compileFormula, createFormulaEnv, FormulaRuntimeError, formulaContextAt } from "./index.js";

function compile(source: string, accounts: readonly string[]) {
  const result = compileFormula(source, { expect: "money", accounts });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.formula;
}

describe("createFormulaEnv", () => {
  it("starts every balance as missing, never as zero", () => {
    const env = createFormulaEnv({ accounts: ["checking"] });
    const result = compile("balance(checking) + $0", ["checking"]).evaluate(env);
    expect(result).toMatchObject({ ok: false, error: { code: "BALANCE_MISSING", alias: "checking" } });
  });

  it("reports stale and missing readings distinctly, and recovers on a fresh one", () => {
    const env = createFormulaEnv({ accounts: ["checking"] });
    const run = compile("balance(checking)", ["checking"]).bind(env);
    env.setBalance("checking", 500);
    expect(run()).toBe(500);
    env.setUnavailable("checking", "stale");
    expect(() => run()).toThrow(expect.objectContaining({ code: "BALANCE_STALE" }));
    env.setUnavailable("checking", "missing");
    expect(() => run()).toThrow(expect.objectContaining({ code: "BALANCE_MISSING" }));
    env.setBalance("checking", 700);
    expect(run()).toBe(700);
  });

  it.each([
    [1.5, 'balance of "checking" must be integer cents (a safe integer), got 1.5'],
    [Number.NaN, 'balance of "checking" must be integer cents (a safe integer), got NaN'],
    [2 ** 53, 'balance of "checking" must be integer cents (a safe integer), got 9007199254740992'],
    [Number.POSITIVE_INFINITY, 'balance of "checking" must be integer cents (a safe integer), got Infinity'],
  ])("refuses %s as a balance", (cents, message) => {
    const env = createFormulaEnv({ accounts: ["checking"] });
    expect(() => env.setBalance("checking", cents)).toThrow(new RangeError(message));
  });

  it("refuses unknown and duplicate aliases", () => {
    const env = createFormulaEnv({ accounts: ["checking"] });
    expect(() => env.setBalance("savings", 1)).toThrow(new RangeError('unknown account alias "savings"'));
    expect(() => env.setUnavailable("savings", "stale")).toThrow(RangeError);
    expect(() => createFormulaEnv({ accounts: ["a", "a"] })).toThrow(
      new RangeError('duplicate account alias "a"'),
    );
  });

  it("validates every context value and changes nothing on a bad one", () => {
    const env = createFormulaEnv({ accounts: [] });
    const run = compileFormula("day_of_week == 1", { expect: "bool", accounts: [] });
    if (!run.ok) throw new Error("does not compile");
    const bound = run.formula.bind(env);
    env.setContext({ dayOfMonth: 2, dayOfWeek: 1, month: 3, hour: 4 });
    expect(bound()).toBe(true);
    expect(() => env.setContext({ dayOfMonth: 2, dayOfWeek: 7, month: 3, hour: 4 })).toThrow(
      new RangeError("day_of_week must be an integer in 0–6 (0 = Sunday … 6 = Saturday), got 7"),
    );
    expect(() => env.setContext({ dayOfMonth: 0, dayOfWeek: 1, month: 3, hour: 4 })).toThrow(RangeError);
    expect(() => env.setContext({ dayOfMonth: 2, dayOfWeek: 1, month: 13, hour: 4 })).toThrow(RangeError);
    expect(() => env.setContext({ dayOfMonth: 2, dayOfWeek: 1, month: 3, hour: 24 })).toThrow(RangeError);
    expect(() => env.setContext({ dayOfMonth: 2, dayOfWeek: 1.5, month: 3, hour: 4 })).toThrow(RangeError);
    expect(bound()).toBe(true);
  });

  it("exposes its aliases, frozen", () => {
    const accounts = ["checking", "savings"];
    const env = createFormulaEnv({ accounts });
    accounts.push("later");
    expect(env.accounts).toEqual(["checking", "savings"]);
    expect(Object.isFrozen(env.accounts)).toBe(true);
  });
});

describe("binding", () => {
  it("fails at bind time when the environment lacks an alias the formula reads", () => {
    const formula = compile("balance(savings) + $1", ["checking", "savings"]);
    const env = createFormulaEnv({ accounts: ["checking"] });
    expect(() => formula.bind(env)).toThrow(FormulaRuntimeError);
    expect(formula.evaluate(env)).toMatchObject({
      ok: false,
      error: { code: "ACCOUNT_NOT_BOUND", alias: "savings", start: 0, end: 16 },
    });
  });

  it("binds to environments whose slots are in a different order", () => {
    const formula = compile("balance(savings) - balance(checking)", ["checking", "savings"]);
    const env = createFormulaEnv({ accounts: ["savings", "other", "checking"] });
    env.setBalance("checking", 100);
    env.setBalance("savings", 350);
    expect(formula.bind(env)()).toBe(250);
  });

  it("reads the environment live: one binding serves every later reading", () => {
    const formula = compile("clamp(balance(checking) - $2_000, $0, $5_000)", ["checking"]);
    const env = createFormulaEnv({ accounts: ["checking"] });
    const run = formula.bind(env);
    const answers = [150_000, 250_000, 900_000].map((cents) => {
      env.setBalance("checking", cents);
      return run();
    });
    expect(answers).toEqual([0, 50_000, 500_000]);
  });

  it("rejects an object that is not an environment", () => {
    const formula = compile("$1", []);
    const fake = { accounts: [], setBalance() {}, setUnavailable() {}, setContext() {} };
    expect(() => formula.bind(fake)).toThrow(new TypeError("not an environment made by createFormulaEnv()"));
  });

  it("treats a -0 balance as 0", () => {
    const env = createFormulaEnv({ accounts: ["checking"] });
    env.setBalance("checking", -0);
    expect(Object.is(compile("balance(checking)", ["checking"]).bind(env)(), 0)).toBe(true);
  });
});

describe("formulaContextAt", () => {
  it.each([
    // 2026-03-08 is a Sunday; New York jumps from 02:00 to 03:00 at 07:00 UTC.
    ["2026-03-08T06:59:00Z", "America/New_York", { dayOfMonth: 8, dayOfWeek: 0, month: 3, hour: 1 }],
    ["2026-03-08T07:00:00Z", "America/New_York", { dayOfMonth: 8, dayOfWeek: 0, month: 3, hour: 3 }],
    // Midnight is hour 0, not 24.
    ["2026-03-10T04:30:00Z", "America/New_York", { dayOfMonth: 10, dayOfWeek: 2, month: 3, hour: 0 }],
    // The same instant is already Saturday the 1st in Sydney, still Friday in UTC.
    ["2026-07-31T23:00:00Z", "Australia/Sydney", { dayOfMonth: 1, dayOfWeek: 6, month: 8, hour: 9 }],
    ["2026-07-31T23:00:00Z", "UTC", { dayOfMonth: 31, dayOfWeek: 5, month: 7, hour: 23 }],
    ["2026-12-31T23:59:59Z", "Pacific/Kiritimati", { dayOfMonth: 1, dayOfWeek: 5, month: 1, hour: 13 }],
  ])("%s in %s", (iso, zone, context) => {
    expect(formulaContextAt(new Date(iso), zone)).toEqual(context);
  });

  it("feeds setContext directly", () => {
    const env = createFormulaEnv({ accounts: [] });
    env.setContext(formulaContextAt(new Date("2026-03-13T15:00:00Z"), "America/Chicago"));
    const payday = compileFormula("day_of_week == 5 && hour >= 9", { expect: "bool", accounts: [] });
    expect(payday.ok && payday.formula.evaluate(env)).toEqual({ ok: true, value: true });
  });

  it("refuses an unknown time zone", () => {
    expect(() => formulaContextAt(new Date(0), "Mars/Olympus")).toThrow(RangeError);
  });
});
