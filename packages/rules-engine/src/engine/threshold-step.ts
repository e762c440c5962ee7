import { stepThreshold, type ThresholdEvent, type ThresholdState } from "../threshold/index.js";
import { type HotTables, rememberState } from "./hot-tables.js";
import type { ThresholdRuntimeTrigger } from "./runtime.js";
import { restoreThresholdState } from "./state.js";
import { quickThresholdStep } from "./threshold-fast-path.js";
import type { Balances, EngineEvent, StoredTriggerState, ThresholdRecord } from "./types.js";

type FiredEvent = Extract<ThresholdEvent, { type: "fired" }>;

/** Where a threshold step reports, besides the record it returns. One per evaluation. */
export interface ThresholdReport {
  events: EngineEvent[];
  /** Ids of triggers whose state changed. */
  changed: string[];
  /** The `fired` event of the step just taken, for the caller to guard and fire. */
  fired: FiredEvent | undefined;
}

/**
 * Restores the trigger's state, steps the reducer with the reading of its account, reports
 * the reducer's events, and returns the trigger's next record — the stored record itself when
 * nothing changed. `own` says `stored` is this runtime's previous result: valid by construction.
 */
export function stepThresholdTrigger(
  tables: HotTables,
  trigger: ThresholdRuntimeTrigger,
  stored: StoredTriggerState | undefined,
  own: boolean,
  balances: Balances,
  now: Date,
  report: ThresholdReport,
): ThresholdRecord {
  report.fired = undefined;
  const previous = own
    ? (stored!.state as ThresholdState)
    : restoreThresholdState(trigger, stored, now, report.events);
  const restored = stored !== undefined && previous === stored.state;
  const reading = balances.get(trigger.account);
  let next = quickThresholdStep(
    tables,
    trigger.index,
    previous,
    reading,
    now.getTime(),
    trigger.definition.staleAfterMs,
  );
  if (next === undefined) {
    const step = stepThreshold(trigger.definition, previous, reading, now);
    for (const event of step.events) {
      report.events.push({ type: "threshold", triggerId: trigger.id, event });
      if (event.type === "fired") report.fired = event;
    }
    next = sameState(previous, step.state) ? previous : step.state;
  }
  // The tables now describe the state this evaluation hands back.
  rememberState(tables, trigger.index, next);
  if (restored && next === previous) {
    // The stored record is this runtime's own when `own`; otherwise rebuild it in the engine's shape.
    return own ? (stored as ThresholdRecord) : { definitionHash: trigger.definitionHash, state: previous };
  }
  report.changed.push(trigger.id);
  return { definitionHash: trigger.definitionHash, state: next };
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
