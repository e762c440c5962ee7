import type { Runtime } from "./runtime.js";
import type { Balances, DecisionRecord, EngineEvent, FiringIntent, StoredTriggerState } from "./types.js";

/** What `evaluate` reads. */
export interface EvaluateInput {
  runtime: Runtime;
  /** Stored state by trigger id (the store's `getTriggerStates()`, or the previous result's `states`); absent = a new trigger. */
  states: ReadonlyMap<string, StoredTriggerState>;
  /** The latest reading per account alias. */
  balances: Balances;
  now: Date;
  /** Fires per trigger in the rolling 24 hours before `now` (the store's `countFired`); absent = 0. */
  firedLast24h: ReadonlyMap<string, number>;
}

/** One evaluation in progress: its input and what it has decided so far. */
export interface Cycle {
  input: EvaluateInput;
  changed: string[];
  intents: FiringIntent[];
  decisions: DecisionRecord[];
  events: EngineEvent[];
  /** Fires decided in this cycle, per trigger, on top of `firedLast24h`. */
  fired: Map<string, number>;
}
