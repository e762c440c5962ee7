import type { CatchUpVerdict } from "../schedule/index.js";
import type { Cycle } from "./cycle.js";
import { fire } from "./fire.js";
import { idempotencyKey } from "./idempotency-key.js";
import { missedRangeOccurrence, scheduleOccurrence } from "./occurrence.js";
import { DECISION_REASONS } from "./reasons.js";
import type { ScheduleRuntimeTrigger } from "./runtime.js";
import { decideSchedule } from "./schedule-step.js";
import { restoreCursor } from "./state.js";
import type {
  DecisionRecord,
  FiringCause,
  MissedSummary,
  ScheduleRecord,
  StoredTriggerState,
} from "./types.js";

/**
 * One schedule trigger in one evaluation: its occurrences since the cursor become fires
 * (through the guards) and missed decisions; returns its next record.
 */
export function evaluateSchedule(
  cycle: Cycle,
  trigger: ScheduleRuntimeTrigger,
  stored: StoredTriggerState | undefined,
): ScheduleRecord {
  const { now } = cycle.input;
  const cursor = restoreCursor(trigger, stored, now, cycle.events);
  const decided = decideSchedule(cycle.input.runtime, trigger, cursor, now);
  const isNew = stored === undefined || stored.definitionHash !== trigger.definitionHash;
  if (decided === undefined) {
    if (isNew) cycle.changed.push(trigger.id);
    return { definitionHash: trigger.definitionHash, state: null, cursor: later(cursor, now) };
  }
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
  return { definitionHash: trigger.definitionHash, state: null, cursor: decided.cursor };
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
