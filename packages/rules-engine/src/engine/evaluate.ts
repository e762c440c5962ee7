import type { CatchUpVerdict } from "../schedule/index.js";
import { blockedDecision, checkGuards } from "./guards.js";
import { idempotencyKey } from "./idempotency-key.js";
import { missedRangeOccurrence, scheduleOccurrence } from "./occurrence.js";
import { DECISION_REASONS } from "./reasons.js";
import type { Runtime, RuntimeTrigger, ScheduleRuntimeTrigger } from "./runtime.js";
import { decideSchedule } from "./schedule-step.js";
import { restoreCursor } from "./state.js";
import { stepThresholdTrigger } from "./threshold-step.js";
import type {
  Balances,
  DecisionRecord,
  EngineEvent,
  FiringCause,
  FiringIntent,
  MissedSummary,
  NextTriggerState,
  StoredTriggerState,
} from "./types.js";

export interface EvaluateInput {
  runtime: Runtime;
  /** Stored state by trigger id (the store's `getTriggerStates()`); absent = a new trigger. */
  states: ReadonlyMap<string, StoredTriggerState>;
  /** The latest reading per account alias. */
  balances: Balances;
  now: Date;
  /** Fires per trigger in the rolling 24 hours before `now` (the store's `countFired`); absent = 0. */
  firedLast24h: ReadonlyMap<string, number>;
}

export interface EvaluateResult {
  /** The next state of every trigger of the config, to persist with its claims. */
  states: Map<string, NextTriggerState>;
  /**
   * Triggers whose next state differs from the stored one in a way a restart must see: a
   * threshold state that changed, a schedule that decided occurrences, a new or reset trigger.
   * A schedule cursor that only moved on (nothing was due) is not listed.
   */
  changed: string[];
  /** Occurrences to fire: claim each (status claimed) with its key, then call Sequence. */
  intents: FiringIntent[];
  /** Candidates not fired: record each (status missed or skipped, with its reason). */
  decisions: DecisionRecord[];
  /** Threshold events, state resets and new schedules, for logs. */
  events: EngineEvent[];
}

/**
 * One decision cycle: given the config's runtime, the stored trigger states, the latest balances
 * and the time, decides what fires for which occurrence, and why every other candidate did not.
 * Pure: the same input gives the same result (the runtime's caches never change an answer).
 *
 * - Schedules: the occurrences in (cursor, now] go through `decideCatchUp`; on-time and
 *   caught-up ones fire, the others are recorded as missed (at most 100 one by one, the rest as
 *   one summary). The cursor moves to `now`.
 * - Thresholds: `stepThreshold` with the account's reading; a `fired` event fires occurrence
 *   `crossing:<since>`.
 * - Every fire passes the guards at fire time: `maxPerDay`, then `when` on fresh balances.
 *   A blocked threshold fire stays consumed: the trigger stays disarmed until it re-arms, and
 *   the skip is recorded and alerted.
 *
 * @example
 * const result = evaluate({ runtime, states, balances, now, firedLast24h });
 * await store.commitEvaluation(…result.states…, claims from result.intents and result.decisions);
 */
export function evaluate(input: EvaluateInput): EvaluateResult {
  const { runtime, states, now } = input;
  const cycle: Cycle = {
    input,
    next: new Map(),
    changed: [],
    intents: [],
    decisions: [],
    events: [],
    fired: new Map(),
  };
  for (const trigger of runtime.triggers) {
    if (trigger.kind === "schedule") {
      evaluateSchedule(cycle, trigger, states.get(trigger.id));
      continue;
    }
    const stored = states.get(trigger.id);
    const step = stepThresholdTrigger(trigger, stored, input.balances, now, cycle.events);
    cycle.next.set(trigger.id, { definitionHash: trigger.definitionHash, state: step.state });
    if (step.changed) cycle.changed.push(trigger.id);
    if (step.fired) {
      const { since, heldMs, cents, occurrence } = step.fired;
      fire(cycle, trigger, occurrence, { kind: "threshold", since, heldMs, cents }, true);
    }
  }
  return {
    states: cycle.next,
    changed: cycle.changed,
    intents: cycle.intents,
    decisions: cycle.decisions,
    events: cycle.events,
  };
}

interface Cycle {
  input: EvaluateInput;
  next: Map<string, NextTriggerState>;
  changed: string[];
  intents: FiringIntent[];
  decisions: DecisionRecord[];
  events: EngineEvent[];
  /** Fires decided in this cycle, per trigger, on top of `firedLast24h`. */
  fired: Map<string, number>;
}

function evaluateSchedule(
  cycle: Cycle,
  trigger: ScheduleRuntimeTrigger,
  stored: StoredTriggerState | undefined,
): void {
  const { now } = cycle.input;
  const cursor = restoreCursor(trigger, stored, now, cycle.events);
  const decided = decideSchedule(trigger, cursor, now);
  const isNew = stored === undefined || stored.definitionHash !== trigger.definitionHash;
  if (decided === undefined) {
    cycle.next.set(trigger.id, {
      definitionHash: trigger.definitionHash,
      state: null,
      cursor: later(cursor, now),
    });
    if (isNew) cycle.changed.push(trigger.id);
    return;
  }
  cycle.next.set(trigger.id, { definitionHash: trigger.definitionHash, state: null, cursor: decided.cursor });
  cycle.changed.push(trigger.id);
  if (decided.summary) cycle.decisions.push(summaryDecision(trigger, decided.summary));
  for (const verdict of decided.missed) cycle.decisions.push(missedDecision(trigger, verdict));
  for (const verdict of decided.fires) {
    const reason = verdict.reason;
    if (reason !== "on_time" && reason !== "catch_up_latest" && reason !== "catch_up_all") {
      throw new Error(`internal: fire verdict with reason ${reason}`);
    }
    const cause: FiringCause = {
      kind: "schedule",
      reason,
      scheduledAt: verdict.occurrence,
      lateByMs: verdict.lateByMs,
    };
    fire(cycle, trigger, scheduleOccurrence(verdict.occurrence), cause, false);
  }
  if (decided.paused) {
    cycle.events.push({
      type: "catch_up_paused",
      triggerId: trigger.id,
      cursor: decided.cursor,
      detail: "too many missed occurrences for one evaluation; the next evaluation continues from the cursor",
    });
  }
}

/** Guards, then an intent, or a skipped decision (alerted for thresholds: the crossing is consumed). */
function fire(
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

function missedDecision(trigger: ScheduleRuntimeTrigger, verdict: CatchUpVerdict): DecisionRecord {
  const reason = verdict.reason;
  if (reason === "on_time" || reason === "catch_up_latest" || reason === "catch_up_all") {
    throw new Error(`internal: missed verdict with reason ${reason}`);
  }
  const occurrence = scheduleOccurrence(verdict.occurrence);
  return {
    triggerId: trigger.id,
    ruleId: trigger.ruleId,
    occurrence,
    idempotencyKey: idempotencyKey(trigger.id, occurrence),
    status: "missed",
    reason,
    detail: `${DECISION_REASONS[reason].description}; ${Math.round(verdict.lateByMs / 1000)}s late`,
    alert: DECISION_REASONS[reason].alert,
  };
}

function summaryDecision(trigger: ScheduleRuntimeTrigger, summary: MissedSummary): DecisionRecord {
  const occurrence = missedRangeOccurrence(summary.first, summary.last);
  const reasons = Object.entries(summary.reasons)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(", ");
  return {
    triggerId: trigger.id,
    ruleId: trigger.ruleId,
    occurrence,
    idempotencyKey: idempotencyKey(trigger.id, occurrence),
    status: "missed",
    reason: "missed_summarized",
    detail: `${summary.count} occurrences missed from ${summary.first.toISOString()} to ${summary.last.toISOString()} (${reasons})`,
    alert: true,
    summary,
  };
}

function later(a: Date, b: Date): Date {
  return a.getTime() > b.getTime() ? a : b;
}
