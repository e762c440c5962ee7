/**
 * Shared types of the closure factories. Factory names end in operand kinds:
 * F a closure, K a constant, S a slot of the environment's value array read
 * in place (a balance or a context value). Reading slots and constants inside
 * the parent saves a call per leaf; separate literals per shape keep each
 * call site monomorphic, so V8 can inline the tree.
 */

export type NumFn = () => number;
export type BoolFn = () => boolean;
/** Throws the node's FormulaRuntimeError; only ever reached on failure. */
export type Fail = () => never;

/** A slot operand: where to read, and how to fail when the slot is unusable (NaN). */
export interface Slot {
  readonly values: Float64Array;
  readonly index: number;
  readonly miss: Fail;
}
