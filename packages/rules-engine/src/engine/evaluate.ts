import type { ThresholdState } from "../threshold/index.js";
import type { Cycle, EvaluateInput } from "./cycle.js";
import { fire } from "./fire.js";
import { KIND } from "./hot-tables.js";
import type { ScheduleRuntimeTrigger, ThresholdRuntimeTrigger } from "./runtime.js";
import { evaluateSchedule } from "./schedule-trigger.js";
import { quickThresholdStep } from "./threshold-fast-path.js";
import { stepThresholdTrigger, type ThresholdReport } from "./threshold-step.js";
import { TriggerStates } from "./trigger-states.js";
import type { DecisionRecord, EngineEvent, FiringIntent, NextTriggerState } from "./types.js";

export type { EvaluateInput } from "./cycle.js";

export interface EvaluateResult {
  /**
   * The next state of every trigger of the config, to persist with its claims. Pass it as the
   * next evaluation's `states` (while the runtime is the same): it is then read by position.
   */
  states: TriggerStates;
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
 * let states = await store.getTriggerStates();
 * const result = evaluate({ runtime, states, balances, now, firedLast24h });
 * // claim result.intents, record result.decisions, persist result.states … then, next tick:
 * states = result.states;
 */
export function evaluate(input: EvaluateInput): EvaluateResult {
  const { runtime, states, balances, now } = input;
  const { tables, staleAfterMs, triggers } = runtime;
  // The latest result of this runtime: its states are in the tables.
  const latest =
    states instanceof TriggerStates && states.runtime === runtime && states.generation === tables.generation
      ? states
      : undefined;
  const generation = ++tables.generation;
  const cycle: Cycle = { input, changed: [], intents: [], decisions: [], events: [], fired: new Map() };
  const report: ThresholdReport = { events: cycle.events, changed: cycle.changed, fired: undefined };
  const next = new Array<NextTriggerState | undefined>(triggers.length);
  const thresholdStates = new Array<ThresholdState | undefined>(triggers.length);
  const nowMs = now.getTime();
  const { kind, cursorMs, afterMs, nextMs } = tables;
  for (let i = 0; i < triggers.length; i++) {
    if (kind[i] === KIND.schedule) {
      const cursor = cursorMs[i]!;
      if (latest !== undefined && cursor < nowMs && cursor >= afterMs[i]! && nowMs < nextMs[i]!) {
        // A quiet tick: nothing due since the cursor. The record is made only if read.
        cursorMs[i] = nowMs;
        continue;
      }
      const stored = latest === undefined ? states.get(tables.triggerId[i]!) : latest.at(i);
      const record = evaluateSchedule(cycle, triggers[i] as ScheduleRuntimeTrigger, stored);
      cursorMs[i] = record.cursor.getTime();
      next[i] = record;
      continue;
    }
    if (latest !== undefined) {
      // The common case, decided from the tables without the reducer (see quickThresholdStep).
      const state = tables.state[i]!;
      const quick = quickThresholdStep(
        tables,
        i,
        state,
        balances.get(tables.account[i]!),
        nowMs,
        staleAfterMs,
      );
      if (quick !== undefined) {
        // The record is made only if read; an unchanged one is the previous record itself.
        thresholdStates[i] = quick;
        if (quick === state) next[i] = latest.peek(i);
        else cycle.changed.push(tables.triggerId[i]!);
        continue;
      }
    }
    const trigger = triggers[i] as ThresholdRuntimeTrigger;
    const stored = latest === undefined ? states.get(trigger.id) : latest.at(i);
    const record = stepThresholdTrigger(tables, trigger, stored, latest !== undefined, balances, now, report);
    next[i] = record;
    thresholdStates[i] = record.state;
    if (report.fired) {
      const { since, heldMs, cents, occurrence } = report.fired;
      fire(cycle, trigger, occurrence, { kind: "threshold", since, heldMs, cents }, true);
    }
  }
  return {
    states: new TriggerStates(runtime, next, thresholdStates, generation, now),
    changed: cycle.changed,
    intents: cycle.intents,
    decisions: cycle.decisions,
    events: cycle.events,
  };
}
