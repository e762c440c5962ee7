import { describe, expect, it } from "vitest";
import { compileFormula, createFormulaEnv, FORMULA_LIMITS, type FormulaErrorCode } from "./index.js";

const ACCOUNTS = ["checking"];

function outcome(source: string): "ok" | [FormulaErrorCode, number, number] {
  const result = compileFormula(source, { expect: "money", accounts: ACCOUNTS });
  if (result.ok) return "ok";
  const [error] = result.errors;
  return [error!.code, error!.start, error!.end];
}

describe("source length", () => {
  it("accepts exactly the limit and refuses one more character", () => {
    const atLimit = `balance(checking)${" ".repeat(FORMULA_LIMITS.maxSourceLength - 17)}`;
    expect(atLimit.length).toBe(4096);
    expect(outcome(atLimit)).toBe("ok");
    expect(outcome(`${atLimit} `)).toEqual(["SOURCE_TOO_LONG", 4096, 4097]);
  });

  it("refuses a megabyte without lexing it", () => {
    expect(outcome("(".repeat(1_000_000))).toEqual(["SOURCE_TOO_LONG", 4096, 1_000_000]);
  });
});

describe("nesting depth", () => {
  it("accepts 31 nested parentheses (depth 32) and refuses 32", () => {
    const nested = (n: number): string => `${"(".repeat(n)}balance(checking)${")".repeat(n)}`;
    expect(outcome(nested(31))).toBe("ok");
    // The error points at what starts the 33rd level.
    expect(outcome(nested(32))).toEqual(["NESTING_TOO_DEEP", 32, 39]);
  });

  it.each([
    ["10 000 parentheses", `${"(".repeat(2_000)}$1${")".repeat(2_000)}`],
    ["10 000 unclosed parentheses", "(".repeat(4_000)],
    ["unary minus chain", `${"-".repeat(4_000)}$1`],
    ["negation chain", `${"!".repeat(4_000)}(balance(checking) > $1)`],
    ["nested calls", `${"abs(".repeat(800)}$1${")".repeat(800)}`],
    ["nested conditionals", `${"balance(checking) > $1 ? $1 : ".repeat(120)}$1`],
    ["right-nested sums", `${"$1 + (".repeat(600)}$1${")".repeat(600)}`],
  ])("stops %s with NESTING_TOO_DEEP, not a stack overflow", (_what, source) => {
    expect(outcome(source.slice(0, FORMULA_LIMITS.maxSourceLength))[0]).toBe("NESTING_TOO_DEEP");
  });
});

describe("node count", () => {
  it("accepts 255 nodes and refuses 257", () => {
    const sum = (terms: number): string => Array.from({ length: terms }, () => "$1").join(" + ");
    expect(outcome(sum(128))).toBe("ok");
    expect(outcome(sum(129))[0]).toBe("TOO_MANY_NODES");
  });

  it.each([
    ["a thousand arguments", `max(${Array.from({ length: 1_000 }, () => "1").join(",")})`],
    ["a long flat sum", Array.from({ length: 1_300 }, () => "1").join("+")],
    ["a long chain of conditions", Array.from({ length: 300 }, () => "hour>1").join("&&")],
  ])("refuses %s with TOO_MANY_NODES", (_what, source) => {
    expect(source.length).toBeLessThanOrEqual(FORMULA_LIMITS.maxSourceLength);
    expect(outcome(source)[0]).toBe("TOO_MANY_NODES");
  });

  it("evaluates the largest allowed left-deep chain", () => {
    const source = Array.from({ length: 128 }, () => "balance(checking)").join(" + ");
    const result = compileFormula(source, { expect: "money", accounts: ACCOUNTS });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const env = createFormulaEnv({ accounts: ACCOUNTS });
    env.setBalance("checking", 3);
    expect(result.formula.evaluate(env)).toEqual({ ok: true, value: 384 });
  });
});

describe("hostile input stays cheap", () => {
  it("answers every limit case quickly", () => {
    const hostile = [
      "(".repeat(1_000_000),
      "(".repeat(4_000),
      `balance(${"a".repeat(4_000)})`,
      "x".repeat(4_096),
      "$".repeat(4_096),
      `${"9".repeat(4_000)}`,
      `max(${Array.from({ length: 2_000 }, () => "1").join(",")})`,
      "\u200b".repeat(4_096),
    ];
    const started = performance.now();
    for (const source of hostile) {
      for (let i = 0; i < 10; i++) expect(outcome(source)).not.toBe("ok");
    }
    // 80 compilations of hostile input; each takes well under a millisecond when healthy.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
