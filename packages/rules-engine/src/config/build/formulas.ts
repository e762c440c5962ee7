import type { IssueCode } from "../issues.js";
import type { AmountConfig, FormulaSource, TriggerConfig } from "../model.js";
import { suggest } from "../suggest.js";
import { type BuildContext, report } from "./context.js";

/** A problem a formula checker found, with 0-based UTF-16 offsets into the formula source. */
export interface FormulaProblem {
  message: string;
  start: number;
  end: number;
  hint?: string;
  /** Defaults to formula-error. */
  code?: IssueCode;
}

/** What a formula must evaluate to, and the account aliases it may read. */
export interface FormulaCheckOptions {
  expect: "money" | "bool";
  accounts: readonly string[];
}

/**
 * Checks one formula. The formula compiler plugs in here (`compileFormula` errors carry
 * the same offsets); until then `scanBalanceReferences` checks that every `balance(x)`
 * names a known account.
 */
export type FormulaChecker = (
  formula: FormulaSource,
  options: FormulaCheckOptions,
) => readonly FormulaProblem[];

/** Finds `balance(alias)` calls whose alias is not an account, with did-you-mean. */
export const scanBalanceReferences: FormulaChecker = (formula, options) => {
  const problems: FormulaProblem[] = [];
  for (const match of formula.source.matchAll(/\bbalance\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)/g)) {
    const alias = match[1]!;
    if (options.accounts.includes(alias)) continue;
    const start = match.index + match[0].indexOf(alias, match[0].indexOf("(") + 1);
    const guess = suggest(alias, options.accounts);
    problems.push({
      code: options.accounts.length === 0 ? "missing-section" : "unknown-reference",
      message:
        options.accounts.length === 0
          ? `balance(${alias}) reads account "${alias}", but the config has no accounts:`
          : `unknown account "${alias}" in balance(${alias})${guess ? ` (did you mean "${guess}"?)` : ""}`,
      start,
      end: start + alias.length,
      ...(guess || options.accounts.length === 0
        ? {}
        : { hint: `accounts defined: ${options.accounts.slice(0, 10).join(", ")}` }),
    });
  }
  return problems;
};

/** Runs the checker on every amount formula (money) and trigger condition (bool). */
export function checkFormulas(
  ctx: BuildContext,
  checker: FormulaChecker,
  accounts: readonly string[],
  amounts: ReadonlyMap<string, AmountConfig>,
  triggers: ReadonlyMap<string, TriggerConfig>,
): void {
  const run = (formula: FormulaSource, expect: "money" | "bool", about: string) => {
    for (const problem of checker(formula, { expect, accounts })) {
      report(
        ctx,
        problem.code ?? "formula-error",
        formula.locate(problem.start),
        `${about}: ${problem.message}`,
        problem.hint,
      );
    }
  };
  for (const amount of amounts.values()) run(amount.formula, "money", `formula in amount "${amount.id}"`);
  for (const trigger of triggers.values()) {
    if (trigger.when) run(trigger.when, "bool", `when in trigger "${trigger.id}"`);
  }
}
