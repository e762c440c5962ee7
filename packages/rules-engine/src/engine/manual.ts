import { didYouMean } from "@seqd/core";
import { blockedDecision, checkGuards } from "./guards.js";
import { idempotencyKey } from "./idempotency-key.js";
import { manualOccurrence } from "./occurrence.js";
import type { Runtime } from "./runtime.js";
import type { Balances, DecisionRecord, FiringIntent } from "./types.js";

export interface ManualIntentInput {
  runtime: Runtime;
  triggerId: string;
  now: Date;
  balances: Balances;
  /** This trigger's fires in the 24 hours before `now` (the store's `countFired`). */
  firedLast24h: number;
}

/** What a manual fire request comes to. */
export type ManualIntentResult =
  | { kind: "fire"; intent: FiringIntent }
  | { kind: "skipped"; decision: DecisionRecord }
  | { kind: "unknown_trigger"; message: string };

/**
 * A fire requested now by `seqd trigger <id>` or the admin route, through the same guards as
 * every other fire (`maxPerDay`, then `when` on fresh balances). Occurrence `manual:<ISO now>`;
 * it does not touch the trigger's schedule cursor or threshold state.
 *
 * @example manualIntent({ runtime, triggerId: "payday-sweep", now, balances, firedLast24h: 0 })
 */
export function manualIntent(input: ManualIntentInput): ManualIntentResult {
  const { runtime, triggerId, now } = input;
  const trigger = runtime.triggerById.get(triggerId);
  if (trigger === undefined) {
    const guess = didYouMean(triggerId, [...runtime.triggerById.keys()]);
    return {
      kind: "unknown_trigger",
      message: `unknown trigger "${triggerId}"${guess ? ` (did you mean "${guess}"?)` : ""}`,
    };
  }
  const occurrence = manualOccurrence(now);
  const intent: FiringIntent = {
    triggerId,
    ruleId: trigger.ruleId,
    occurrence,
    idempotencyKey: idempotencyKey(triggerId, occurrence),
    cause: { kind: "manual", requestedAt: now },
  };
  const block = checkGuards(runtime, trigger, input.balances, now, input.firedLast24h);
  return block === undefined
    ? { kind: "fire", intent }
    : { kind: "skipped", decision: blockedDecision(intent, block) };
}
