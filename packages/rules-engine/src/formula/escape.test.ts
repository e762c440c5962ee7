import { describe, expect, it } from "vitest";
import { compileFormula, type FormulaErrorCode } from "./index.js";

/**
 * Escape attempts: names that reach JavaScript internals in a naive
 * implementation (object prototypes, eval-like calls), characters that look
 * like ASCII, and number syntaxes JavaScript accepts but the language does
 * not. Each must be a clean load error with a code and a position, never a
 * value, a crash or a different account.
 */
const ACCOUNTS = ["checking", "savings"];

function firstError(
  source: string,
  expectType: "money" | "bool" = "money",
): [FormulaErrorCode, number, number] {
  const result = compileFormula(source, { expect: expectType, accounts: ACCOUNTS });
  if (result.ok) throw new Error(`${JSON.stringify(source)} compiled`);
  const [error] = result.errors;
  return [error!.code, error!.start, error!.end];
}

describe("prototype and host names", () => {
  it.each([
    ["balance(constructor)", "UNKNOWN_ACCOUNT", 8, 19],
    ["balance(__proto__)", "UNKNOWN_ACCOUNT", 8, 17],
    ["balance(prototype)", "UNKNOWN_ACCOUNT", 8, 17],
    ["balance(toString)", "UNKNOWN_ACCOUNT", 8, 16],
    ["balance(hasOwnProperty)", "UNKNOWN_ACCOUNT", 8, 22],
    ["toString", "UNKNOWN_NAME", 0, 8],
    ["valueOf", "UNKNOWN_NAME", 0, 7],
    ["hasOwnProperty", "UNKNOWN_NAME", 0, 14],
    ["constructor", "UNKNOWN_NAME", 0, 11],
    ["__proto__", "UNKNOWN_NAME", 0, 9],
    ["toString()", "UNKNOWN_FUNCTION", 0, 8],
    ["valueOf()", "UNKNOWN_FUNCTION", 0, 7],
    ["hasOwnProperty(checking)", "UNKNOWN_FUNCTION", 0, 14],
    ["constructor(1)", "UNKNOWN_FUNCTION", 0, 11],
    ["__proto__(1)", "UNKNOWN_FUNCTION", 0, 9],
    ["eval(1)", "UNKNOWN_FUNCTION", 0, 4],
    ["Function(1)", "UNKNOWN_FUNCTION", 0, 8],
    ["globalThis", "UNKNOWN_NAME", 0, 10],
    ["process", "UNKNOWN_NAME", 0, 7],
    ['constructor.constructor("x")()', "UNEXPECTED_CHARACTER", 11, 12],
    ["balance(checking).constructor", "UNEXPECTED_CHARACTER", 17, 18],
    ['balance(checking)["constructor"]', "UNEXPECTED_CHARACTER", 17, 18],
    // A template literal (\u0024 is "$"): "`${1}`".
    ["`\u0024{1}`", "UNEXPECTED_CHARACTER", 0, 1],
    ['import("x")', "UNEXPECTED_CHARACTER", 7, 8],
    ["x => x", "UNEXPECTED_CHARACTER", 2, 4],
    ["balance(checking); process.exit()", "UNEXPECTED_CHARACTER", 17, 18],
  ] as const)("%s → %s", (source, code, start, end) => {
    expect(firstError(source)).toEqual([code, start, end]);
  });

  it("does not treat an inherited property name as a known account or function", () => {
    // A plain-object lookup would find these on Object.prototype.
    for (const name of ["constructor", "toString", "__proto__", "valueOf", "isPrototypeOf"]) {
      expect(firstError(`balance(${name})`)[0]).toBe("UNKNOWN_ACCOUNT");
      expect(firstError(`${name}($1, $2)`)[0]).toBe("UNKNOWN_FUNCTION");
    }
  });
});

describe("look-alike and invisible characters", () => {
  it.each([
    ["b\u0430lance(checking)", "Cyrillic a", 1, 2],
    ["balance(ch\u0435cking)", "Cyrillic e in the alias", 10, 11],
    ["balance(checking) > $\uff11", "fullwidth digit after $", 21, 22],
    ["balance(checking) > \uff15", "fullwidth digit", 20, 21],
    ["bal\u200bance(checking)", "zero-width space", 3, 4],
    ["balance(checking)\u200d + $1", "zero-width joiner", 17, 18],
    ["\ufeffbalance(checking)", "byte order mark", 0, 1],
    ["balance(checking) \u2212 $1", "minus sign", 18, 19],
    ["balance(checking)\u00a0- $1", "no-break space", 17, 18],
    ["balance(checking) \u2264 $1", "less-than-or-equal sign", 18, 19],
    ["balance(\u202echecking)", "right-to-left override", 8, 9],
    ["\ud835\udc1b\ud835\udc1alance(checking)", "mathematical bold letters", 0, 2],
  ])("%j (%s) is a NON_ASCII_CHARACTER error at its exact offsets", (source, _what, start, end) => {
    expect(firstError(source)).toEqual(["NON_ASCII_CHARACTER", start, end]);
  });
});

describe("number syntaxes the language does not have", () => {
  it.each([
    ["1e400", "INVALID_NUMBER"],
    ["1e3", "INVALID_NUMBER"],
    ["0x10", "INVALID_NUMBER"],
    ["0b101", "INVALID_NUMBER"],
    ["0o17", "INVALID_NUMBER"],
    ["10n", "INVALID_NUMBER"],
    ["Infinity", "UNKNOWN_NAME"],
    ["NaN", "UNKNOWN_NAME"],
    ["1.5", "DECIMAL_NUMBER"],
    [".5", "UNEXPECTED_CHARACTER"],
    ["$1e3", "INVALID_MONEY"],
    ["$0x10", "INVALID_MONEY"],
    ["9".repeat(400), "LITERAL_OVERFLOW"],
    [`$${"9".repeat(400)}`, "LITERAL_OVERFLOW"],
  ])("%s → %s", (source, code) => {
    expect(firstError(`balance(checking) * ${source}`)[0]).toBe(code);
  });

  it("accepts 1_000 as the number 1000 (digit groups are allowed, as in $1_000)", () => {
    const result = compileFormula("balance(checking) * 1_000", { expect: "money", accounts: ACCOUNTS });
    expect(result.ok && result.formula.canonical).toBe("(balance(checking) * 1000)");
  });
});
