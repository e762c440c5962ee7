import { compileFormula, type FormulaError, type FormulaExpect } from "../../formula/index.js";
import type { Position } from "../issues.js";
import type { Located } from "../merge.js";
import type { CompiledFormulaSource } from "../model.js";
import { type BuildContext, report, scalarTextAt } from "./context.js";

/** What a formula may read: the account aliases, and whether context values have a zone. */
export interface FormulaScope {
  accounts: readonly string[];
  /** The top-level timezone, in which `day_of_week` … are read; undefined when absent or invalid. */
  timezone: string | undefined;
  /** The top-level timezone is set but invalid (already reported). */
  timezoneInvalid: boolean;
}

/**
 * Compiles the formula at `entry.sub…` with the formula compiler, once: the result is kept in
 * the model so nothing compiles it again. Each compiler error becomes an issue at the exact
 * `file:line:col` of the offending character, in any YAML scalar style.
 */
export function compileFormulaAt<E extends FormulaExpect>(
  ctx: BuildContext,
  entry: Located,
  source: string,
  sub: string,
  options: { expect: E; about: string; scope: FormulaScope },
): CompiledFormulaSource<E> | undefined {
  const text = scalarTextAt(entry, source, sub);
  const { about, scope } = options;
  const result = compileFormula(source, { expect: options.expect, accounts: scope.accounts });
  if (!result.ok) {
    for (const error of result.errors)
      reportFormulaError(ctx, text.locate(error.start), about, source, error, scope);
    return undefined;
  }
  const reads = result.formula.context[0];
  if (reads !== undefined && scope.timezone === undefined) {
    if (!scope.timezoneInvalid) {
      report(
        ctx,
        "missing-timezone",
        text.locate(0),
        `${about} reads ${reads}, which needs the top-level timezone`,
        "set timezone: (e.g. timezone: America/New_York); calendar values are read in that zone, never the host's",
      );
    }
    return undefined;
  }
  return { ...text, compiled: result.formula };
}

function reportFormulaError(
  ctx: BuildContext,
  at: Position,
  about: string,
  source: string,
  error: FormulaError,
  scope: FormulaScope,
): void {
  if (error.code !== "UNKNOWN_ACCOUNT") {
    report(ctx, "formula-error", at, `${about}: ${error.message}`, error.hint);
    return;
  }
  // Worded like every other unknown reference in a config: the did-you-mean goes in the message.
  const alias = source.slice(error.start, error.end);
  if (scope.accounts.length === 0) {
    report(
      ctx,
      "missing-section",
      at,
      `${about}: balance(${alias}) reads account "${alias}", but the config has no accounts:`,
    );
    return;
  }
  const guess = /^did you mean "(.*)"\?$/.exec(error.hint ?? "")?.[1];
  report(
    ctx,
    "unknown-reference",
    at,
    `${about}: unknown account "${alias}" in balance(${alias})${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`,
    guess === undefined ? error.hint : undefined,
  );
}
