import {
  initialThresholdState,
  parseThresholdState,
  resetThresholdState,
  type ThresholdState,
} from "../threshold/index.js";
import type { ScheduleRuntimeTrigger, ThresholdRuntimeTrigger } from "./runtime.js";
import type { EngineEvent, StoredTriggerState } from "./types.js";

/**
 * The cursor a schedule trigger evaluates from. A trigger with no stored cursor starts at
 * `now`: a new trigger never backfills history. A stored cursor is kept even when the
 * definition changed, so the occurrences (of the pattern now in force) between it and `now`
 * go through the catch-up policy like any other missed run.
 */
export function restoreCursor(
  trigger: ScheduleRuntimeTrigger,
  stored: StoredTriggerState | undefined,
  now: Date,
  events: EngineEvent[],
): Date {
  const cursor = stored?.cursor;
  if (cursor instanceof Date && !Number.isNaN(cursor.getTime())) return cursor;
  events.push({ type: "schedule_started", triggerId: trigger.id, cursor: now });
  return now;
}

/**
 * The reducer state a threshold trigger continues from: the stored one while its definition
 * hash is unchanged; reset (phase unknown, so `onStartup` applies again, `lastFiredAt` kept)
 * when the definition changed; a fresh state, with an event to alert on, when the stored state
 * cannot be read (it is never guessed at).
 */
export function restoreThresholdState(
  trigger: ThresholdRuntimeTrigger,
  stored: StoredTriggerState | undefined,
  now: Date,
  events: EngineEvent[],
): ThresholdState {
  if (stored === undefined) return initialThresholdState();
  const parsed = parseThresholdState(stored.state);
  if (stored.definitionHash !== trigger.definitionHash) {
    events.push({
      type: "state_reset",
      triggerId: trigger.id,
      cause: "definition_changed",
      detail: parsed.ok
        ? `the trigger's definition changed; it was ${parsed.state.phase}, onStartup applies again`
        : "the trigger's definition changed; onStartup applies again",
    });
    if (!parsed.ok) return initialThresholdState();
    const reset = resetThresholdState(parsed.state, now);
    for (const event of reset.events) events.push({ type: "threshold", triggerId: trigger.id, event });
    return reset.state;
  }
  if (parsed.ok) return parsed.state;
  events.push({
    type: "state_reset",
    triggerId: trigger.id,
    cause: "unreadable_state",
    detail: parsed.message,
  });
  return initialThresholdState();
}
