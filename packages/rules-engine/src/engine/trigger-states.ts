import type { ThresholdState } from "../threshold/index.js";
import type { Runtime } from "./runtime.js";
import type { NextTriggerState } from "./types.js";

/**
 * The trigger states `evaluate` returns: a read-only map from trigger id to its next state, in
 * config order. Passing it back as the next `evaluate`'s `states` (same runtime) lets that
 * evaluation read the states from the runtime's tables, by position, which is most of a quiet
 * tick's cost with thousands of triggers. Any other map (the store's `getTriggerStates()`)
 * works too, read by id. Records are made when first read: a schedule with nothing due gets
 * cursor `now`; a threshold gets the (immutable) state the evaluation decided.
 */
export class TriggerStates implements ReadonlyMap<string, NextTriggerState> {
  readonly runtime: Runtime;
  /** The runtime's table generation this result was made in. */
  readonly generation: number;
  /** The evaluation's `now`: the cursor of every schedule whose record is made on demand. */
  readonly now: Date;
  /** Aligned with `runtime.triggers`; undefined until made. */
  private readonly records: (NextTriggerState | undefined)[];
  /** The state of each threshold trigger (undefined for schedules). */
  private readonly thresholdStates: readonly (ThresholdState | undefined)[];

  constructor(
    runtime: Runtime,
    records: (NextTriggerState | undefined)[],
    thresholdStates: readonly (ThresholdState | undefined)[],
    generation: number,
    now: Date,
  ) {
    this.runtime = runtime;
    this.records = records;
    this.thresholdStates = thresholdStates;
    this.generation = generation;
    this.now = now;
  }

  /** The record of the trigger at `index` of `runtime.triggers`. */
  at(index: number): NextTriggerState {
    let record = this.records[index];
    if (record === undefined) {
      const definitionHash = this.runtime.tables.definitionHash[index]!;
      const state = this.thresholdStates[index];
      record =
        state === undefined ? { definitionHash, state: null, cursor: this.now } : { definitionHash, state };
      this.records[index] = record;
    }
    return record;
  }

  /** The record at `index` if it is already made (a threshold's always is). */
  peek(index: number): NextTriggerState | undefined {
    return this.records[index];
  }

  get size(): number {
    return this.records.length;
  }

  get(id: string): NextTriggerState | undefined {
    const index = this.runtime.triggerIndex.get(id);
    return index === undefined ? undefined : this.at(index);
  }

  has(id: string): boolean {
    return this.runtime.triggerIndex.has(id);
  }

  forEach(
    callback: (value: NextTriggerState, key: string, map: ReadonlyMap<string, NextTriggerState>) => void,
  ): void {
    for (const [id, record] of this) callback(record, id, this);
  }

  *entries(): MapIterator<[string, NextTriggerState]> {
    for (let i = 0; i < this.records.length; i++) yield [this.runtime.tables.triggerId[i]!, this.at(i)];
  }

  *keys(): MapIterator<string> {
    yield* this.runtime.tables.triggerId;
  }

  *values(): MapIterator<NextTriggerState> {
    for (let i = 0; i < this.records.length; i++) yield this.at(i);
  }

  [Symbol.iterator](): MapIterator<[string, NextTriggerState]> {
    return this.entries();
  }
}
