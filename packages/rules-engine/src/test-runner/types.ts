import type { Position } from "../config/index.js";

/** Which expectation of a step failed. */
export type CheckKind = "fired" | "notFired" | "amounts" | "state";

/** One expectation that did not hold. */
export interface TestFailure {
  /** 1-based step number. */
  step: number;
  /** The step's time, as local ISO with offset in the config's zone. */
  at: string;
  /** Where the step is written. */
  pos: Position;
  check: CheckKind;
  /** What the expectation says, e.g. `[checking-low]` or `top-up: $1,000.00`. */
  expected: string;
  actual: string;
  /** Why: the decision that blocked a fire, the trigger's state, the cause of an unexpected fire. */
  notes: string[];
}

/** The outcome of one test. */
export interface TestOutcome {
  name: string;
  pos: Position;
  passed: boolean;
  failures: TestFailure[];
}
