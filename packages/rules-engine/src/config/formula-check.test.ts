import { describe, expect, it } from "vitest";
import { loadConfig } from "./load-config.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const HEAD = `version: 1
timezone: America/New_York
sequence: { accessToken: { env: T } }
accounts:
  checking: { id: "1" }
  savings: { id: "2" }
rules:
  r: { url: https://api.getsequence.io/remote-api/rules/ru_1/trigger, secret: { env: R } }
`;

function problems(text: string) {
  const result = loadConfig([{ path: "f.yaml", text }], { now: NOW });
  const issues = result.ok ? result.warnings : result.issues;
  return issues.map((i) => `${i.line}:${i.col} ${i.code} ${i.message}${i.hint ? ` | ${i.hint}` : ""}`);
}

describe("formulas are compiled at load", () => {
  it("points at the exact column in a plain, a double-quoted and a block-scalar formula", () => {
    const text = `${HEAD}triggers:
  t:
    rule: r
    threshold: { account: checking, below: $5, rearmAbove: $10 }
    when: "balance(checking) >\\t2000"
amounts:
  plain:
    path: /a/plain
    token: { env: A }
    max: $5
    formula: balance(checking) % 2
  block:
    path: /a/block
    token: { env: B }
    max: $5
    formula: |
      max(
        balance(checking),
        $1 $2)
`;
    expect(problems(text)).toEqual([
      // The comparison starts right after the opening quote.
      '13:12 formula-error when in trigger "t": cannot compare money with a number | did you mean $2000? (if 2000 is cents, write $20)',
      '19:32 formula-error formula in amount "plain": unexpected "%" | for a percentage use pct(amount, percent)',
      '27:12 formula-error formula in amount "block": expected "," or ")" in max(…), found "$2" | an operator is missing before it',
    ]);
  });

  it("keeps did-you-mean for unknown accounts, worded like other unknown references", () => {
    const text = `${HEAD}amounts:\n  a:\n    path: /a\n    token: { env: A }\n    max: $5\n    formula: balance(chekcing) - $5\n`;
    expect(problems(text)).toEqual([
      '14:22 unknown-reference formula in amount "a": unknown account "chekcing" in balance(chekcing) (did you mean "checking"?)',
    ]);
  });

  it("lists the known accounts when nothing is close", () => {
    const text = `${HEAD}amounts:\n  a:\n    path: /a\n    token: { env: A }\n    max: $5\n    formula: balance(zzz)\n`;
    expect(problems(text)).toEqual([
      '14:22 unknown-reference formula in amount "a": unknown account "zzz" in balance(zzz) | known accounts: checking, savings',
    ]);
  });

  it("checks the result type: a when must be true/false, an amount money", () => {
    const text = `${HEAD}triggers:
  t:
    rule: r
    schedule: { cron: "0 9 * * *" }
    when: balance(checking)
amounts:
  a: { path: /a, token: { env: A }, max: $5, formula: "balance(checking) > $1" }
`;
    expect(problems(text).map((line) => line.split(" | ")[0])).toEqual([
      '13:11 formula-error when in trigger "t": a condition must be true or false, but this formula is money',
      '15:56 formula-error formula in amount "a": an amount must be money, but this formula is a condition',
    ]);
  });

  it("a formula reading day_of_week needs the top-level timezone", () => {
    const text = `${HEAD.replace("timezone: America/New_York\n", "")}amounts:
  a: { path: /a, token: { env: A }, max: $5, formula: "day_of_week == 1 ? $5 : $0" }
`;
    expect(problems(text)).toEqual([
      '9:56 missing-timezone formula in amount "a" reads day_of_week, which needs the top-level timezone | set timezone: (e.g. timezone: America/New_York); calendar values are read in that zone, never the host\'s',
    ]);
  });

  it("keeps the compiled formula in the model, so nothing compiles it twice", () => {
    const text = `${HEAD}amounts:\n  a: { path: /a, token: { env: A }, max: $5, formula: "min(balance(savings), $5)" }\n`;
    const result = loadConfig([{ path: "f.yaml", text }], { now: NOW });
    if (!result.ok) throw new Error(result.issues[0]?.message);
    const formula = result.config.amounts.get("a")!.formula;
    expect(formula.compiled).toMatchObject({ type: "money", aliases: ["savings"] });
    expect(formula.compiled.source).toBe(formula.source);
  });
});
