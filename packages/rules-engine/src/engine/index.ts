export {
  AMOUNT_ERROR_CODES,
  type AmountAnswer,
  type AmountErrorCode,
  type AmountInput,
  clampAmount,
  evaluateAmount,
} from "./amounts.js";
export { loadReading, type ReadingUse, readingUse } from "./balances.js";
export { type EvaluateInput, type EvaluateResult, evaluate } from "./evaluate.js";
export { IDEMPOTENCY_KEY_PREFIX, idempotencyKey } from "./idempotency-key.js";
export { type ManualIntentInput, type ManualIntentResult, manualIntent } from "./manual.js";
export { manualOccurrence, missedRangeOccurrence, scheduleOccurrence } from "./occurrence.js";
export { DECISION_REASONS, type DecisionReason } from "./reasons.js";
export {
  type AmountEndpoint,
  type BoundFormula,
  compileRuntime,
  type Runtime,
  type RuntimeTrigger,
  type ScheduleRuntimeTrigger,
  type ThresholdRuntimeTrigger,
} from "./runtime.js";
export { MAX_ENUMERATED_PER_EVALUATION, MAX_RECORDED_MISSED } from "./schedule-step.js";
export { TriggerStates } from "./trigger-states.js";
export type {
  Balances,
  DecisionRecord,
  EngineEvent,
  FiringCause,
  FiringIntent,
  MissedSummary,
  NextTriggerState,
  ScheduleRecord,
  StoredTriggerState,
  ThresholdRecord,
} from "./types.js";
