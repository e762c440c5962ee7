import { describe, expect, it } from "vitest";
import type { FormulaChecker } from "./build/formulas.js";
import { loadConfig } from "./load-config.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const HEAD = `version: 1
timezone: America/New_York
sequence: { accessToken: { env: T } }
accounts:
  checking: { id: "1" }
rules:
  r: { url: https://api.getsequence.io/remote-api/rules/ru_1/trigger, secret: { env: R } }
`;

/** A stand-in for the formula compiler: reports the first "oops" in each formula. */
const fakeCompiler: FormulaChecker = (formula, options) => {
  const start = formula.source.indexOf("oops");
  if (start < 0) return [];
  return [
    { message: `unexpected "oops" (expected ${options.expect})`, start, end: start + 4, hint: "remove it" },
  ];
};

describe("formula checks through the pluggable checker", () => {
  it("maps the checker's offsets to file positions for every scalar style", () => {
    const text = `${HEAD}triggers:
  t:
    rule: r
    threshold: { account: checking, below: $5, rearmAbove: $10 }
    when: "balance(checking) > \\t$1 oops"
amounts:
  plain:
    path: /a/plain
    token: { env: A }
    max: $5
    formula: balance(checking) oops
  block:
    path: /a/block
    token: { env: B }
    max: $5
    formula: |
      max(
        balance(checking),
        $1) oops
`;
    const result = loadConfig([{ path: "f.yaml", text }], { now: NOW, checkFormula: fakeCompiler });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.line}:${i.col} ${i.code} ${i.message} | ${i.hint}`)).toEqual([
      '12:37 formula-error when in trigger "t": unexpected "oops" (expected bool) | remove it',
      '18:32 formula-error formula in amount "plain": unexpected "oops" (expected money) | remove it',
      '26:13 formula-error formula in amount "block": unexpected "oops" (expected money) | remove it',
    ]);
  });

  it("checks balance() aliases by default, until the compiler is wired in", () => {
    const text = `${HEAD}amounts:\n  a:\n    path: /a\n    token: { env: A }\n    max: $5\n    formula: balance(chekcing) - $5\n`;
    const result = loadConfig([{ path: "f.yaml", text }], { now: NOW });
    expect(result.ok ? [] : result.issues).toMatchObject([
      {
        code: "unknown-reference",
        line: 13,
        col: 22,
        message:
          'formula in amount "a": unknown account "chekcing" in balance(chekcing) (did you mean "checking"?)',
      },
    ]);
  });
});
