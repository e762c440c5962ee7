export { demoStatePath } from "./demo.js";
export { formatDuration, parseDuration } from "./duration.js";
export { FAILURE, type FailureCode, MIN_TRANSFER_CENTS, percentOf } from "./engine/amounts.js";
export type { Execution, Transfer } from "./engine/executor.js";
export type { ActiveFault } from "./engine/faults.js";
export {
  formatStateIssue,
  ListenError,
  SimulatorError,
  STATE_ISSUE,
  StateError,
  type StateIssue,
} from "./errors.js";
export { formatEvent } from "./event-format.js";
export * from "./events.js";
export { JSON_TYPE, LEGACY_ERRORS } from "./http/respond.js";
export { createPrng, type Prng } from "./prng.js";
export { type RunningSimulator, type StartSimulatorOptions, startSimulator } from "./server.js";
export { type ChangeResult, createSimulator, type Simulator, type SimulatorOptions } from "./simulator.js";
export type { SimSnapshot } from "./snapshot.js";
export type * from "./state/input.js";
export { checkState, parseState, readStateFile, type StateLoad, toState } from "./state/load.js";
export type * from "./state/types.js";
export {
  ACCOUNT_TYPES,
  DUPLICATE_MODES,
  FAULT_KINDS,
  FAULT_ROUTES,
  KEY_FORMATS,
  KEY_SCOPES,
  REMOTE_BODIES,
  REMOTE_METHODS,
} from "./state/types.js";
