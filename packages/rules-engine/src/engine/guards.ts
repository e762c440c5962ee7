import { FormulaRuntimeError } from "../formula/index.js";
import { loadInputs } from "./balances.js";
import { DECISION_REASONS, type GuardReason } from "./reasons.js";
import type { Runtime, RuntimeTrigger } from "./runtime.js";
import type { Balances, DecisionRecord, FiringIntent } from "./types.js";

/** Why a guard blocked a fire, with the specifics for logs. */
export interface GuardBlock {
  reason: GuardReason;
  detail: string;
}

/**
 * The checks every fire passes at fire time, whatever caused it (schedule, threshold, manual):
 * `maxPerDay` against the fires of the last 24 hours (`firedSoFar`: from the store, plus this
 * evaluation's own), then `when` on the balances as they are now. A `when` reading a stale or
 * unavailable balance blocks (`condition_stale`): a condition is never judged on old data.
 */
export function checkGuards(
  runtime: Runtime,
  trigger: RuntimeTrigger,
  balances: Balances,
  now: Date,
  firedSoFar: number,
): GuardBlock | undefined {
  if (trigger.maxPerDay !== undefined && firedSoFar >= trigger.maxPerDay) {
    return {
      reason: "max_per_day",
      detail: `already fired ${firedSoFar} time${firedSoFar === 1 ? "" : "s"} in the last 24 hours (maxPerDay: ${trigger.maxPerDay})`,
    };
  }
  const when = trigger.when;
  if (when === undefined) return undefined;
  loadInputs(runtime, when, balances, now);
  try {
    if (when.run()) return undefined;
    return { reason: "condition_false", detail: `when is false: ${when.source}` };
  } catch (error) {
    if (!(error instanceof FormulaRuntimeError)) throw error;
    const stale = error.code === "BALANCE_MISSING" || error.code === "BALANCE_STALE";
    return {
      reason: stale ? "condition_stale" : "condition_error",
      detail: `when could not be checked: ${error.message}`,
    };
  }
}

/** The decision that records an intent a guard blocked. */
export function blockedDecision(intent: FiringIntent, block: GuardBlock): DecisionRecord {
  return {
    triggerId: intent.triggerId,
    ruleId: intent.ruleId,
    occurrence: intent.occurrence,
    idempotencyKey: intent.idempotencyKey,
    status: DECISION_REASONS[block.reason].status,
    reason: block.reason,
    detail: block.detail,
    alert: DECISION_REASONS[block.reason].alert,
  };
}
