import { stepThreshold, type ThresholdEvent, type ThresholdState } from "../threshold/index.js";
import type { ThresholdRuntimeTrigger } from "./runtime.js";
import { restoreThresholdState } from "./state.js";
import type { Balances, EngineEvent, StoredTriggerState } from "./types.js";

type FiredEvent = Extract<ThresholdEvent, { type: "fired" }>;

/** One threshold trigger after one evaluation. */
export interface ThresholdTriggerStep {
  /** The stored state object itself when nothing changed. */
  state: ThresholdState;
  changed: boolean;
  fired: FiredEvent | undefined;
}

/**
 * Restores the trigger's state, steps the reducer with the reading of its account, and
 * reports the reducer's events. A `fired` event is returned for the caller to guard and fire.
 */
export function stepThresholdTrigger(
  trigger: ThresholdRuntimeTrigger,
  stored: StoredTriggerState | undefined,
  balances: Balances,
  now: Date,
  events: EngineEvent[],
): ThresholdTriggerStep {
  const previous = restoreThresholdState(trigger, stored, now, events);
  const step = stepThreshold(trigger.definition, previous, balances.get(trigger.account), now);
  let fired: FiredEvent | undefined;
  for (const event of step.events) {
    events.push({ type: "threshold", triggerId: trigger.id, event });
    if (event.type === "fired") fired = event;
  }
  const restored = stored !== undefined && previous === stored.state;
  if (restored && sameState(previous, step.state)) return { state: previous, changed: false, fired };
  return { state: step.state, changed: true, fired };
}

function sameState(a: ThresholdState, b: ThresholdState): boolean {
  if (a.phase !== b.phase) return false;
  if (a.lastFiredAt !== b.lastFiredAt || a.lastReadingAt !== b.lastReadingAt || a.ignoring !== b.ignoring) {
    return false;
  }
  if (a.phase === "pending" && b.phase === "pending")
    return a.since === b.since && a.suppressed === b.suppressed;
  if (a.phase === "disarmed" && b.phase === "disarmed") return a.cause === b.cause;
  return true;
}
