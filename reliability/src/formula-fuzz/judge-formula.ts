import type { BalanceReading } from "@seqd/rules-engine";
import { AMOUNT_ERROR_CODES, compileRuntime, evaluateAmount, loadConfig } from "@seqd/rules-engine";
import { isPositioned } from "../config-fuzz/judge-case.js";

/** What one formula came to. `crash`, `unpositioned` and `unsafe` are findings. */
export type FormulaOutcome =
  | { kind: "load-error" }
  | { kind: "amount"; cents: number }
  | { kind: "typed-error"; code: string }
  | { kind: "unpositioned"; detail: string }
  | { kind: "unsafe"; detail: string }
  | { kind: "crash"; detail: string };

const FILE = "formula-fuzz.yaml";

/** A config whose one amount endpoint computes `formula` (YAML-quoted, so any text fits). */
export function formulaConfig(formula: string): string {
  return `version: 1
timezone: America/New_York
sequence: { accessToken: { env: T } }
accounts:
  checking: { id: "1" }
  savings: { id: "2" }
amounts:
  fuzz:
    path: /amount/fuzz
    token: { env: A }
    formula: ${JSON.stringify(formula)}
    max: $1_000
`;
}

/**
 * Loads `formula` in an amounts entry; if it loads, evaluates it on each set of balances. The
 * answer must be a safe integer ≥ 0 or one of the typed amount errors; a load error must be
 * positioned; nothing may throw.
 */
export function judgeFormula(
  formula: string,
  balanceSets: readonly ReadonlyMap<string, BalanceReading>[],
  now: Date,
): FormulaOutcome[] {
  try {
    const loaded = loadConfig([{ path: FILE, text: formulaConfig(formula) }], { now });
    if (!loaded.ok) {
      const bad = loaded.issues.find((issue) => !isPositioned(issue, FILE));
      if (bad === undefined) return [{ kind: "load-error" }];
      return [{ kind: "unpositioned", detail: `${bad.line}:${bad.col} [${bad.code}] ${bad.message}` }];
    }
    const runtime = compileRuntime(loaded.config);
    return balanceSets.map((balances): FormulaOutcome => {
      const answer = evaluateAmount(runtime, "fuzz", balances, now);
      if (!answer.ok) {
        return answer.code in AMOUNT_ERROR_CODES
          ? { kind: "typed-error", code: answer.code }
          : { kind: "unsafe", detail: `unknown error code ${answer.code}` };
      }
      const safe = Number.isSafeInteger(answer.cents) && answer.cents >= 0 && answer.cents <= 100_000;
      return safe
        ? { kind: "amount", cents: answer.cents }
        : { kind: "unsafe", detail: `answered ${answer.cents} (raw ${answer.raw})` };
    });
  } catch (error) {
    return [
      { kind: "crash", detail: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    ];
  }
}
