import type { Cycle } from "./cycle.js";
import { blockedDecision, checkGuards } from "./guards.js";
import { idempotencyKey } from "./idempotency-key.js";
import type { RuntimeTrigger } from "./runtime.js";
import type { FiringCause, FiringIntent } from "./types.js";

/**
 * A candidate fire: the guards (`maxPerDay`, then `when` on fresh balances), then an intent,
 * or a skipped decision. `alertWhenBlocked`: a blocked threshold fire consumed its crossing,
 * so it is alerted even when the condition was merely false.
 */
export function fire(
  cycle: Cycle,
  trigger: RuntimeTrigger,
  occurrence: string,
  cause: FiringCause,
  alertWhenBlocked: boolean,
): void {
  const { runtime, balances, now, firedLast24h } = cycle.input;
  const intent: FiringIntent = {
    triggerId: trigger.id,
    ruleId: trigger.ruleId,
    occurrence,
    idempotencyKey: idempotencyKey(trigger.id, occurrence),
    cause,
  };
  const firedSoFar = (firedLast24h.get(trigger.id) ?? 0) + (cycle.fired.get(trigger.id) ?? 0);
  const block = checkGuards(runtime, trigger, balances, now, firedSoFar);
  if (block === undefined) {
    cycle.intents.push(intent);
    cycle.fired.set(trigger.id, (cycle.fired.get(trigger.id) ?? 0) + 1);
    return;
  }
  const decision = blockedDecision(intent, block);
  cycle.decisions.push(alertWhenBlocked ? { ...decision, alert: true } : decision);
}
