export {
  assertThresholdDefinition,
  checkThresholdDefinition,
  THRESHOLD_DEFINITION_ISSUE_CODES,
  THRESHOLD_MAX_DURATION_MS,
  type ThresholdDefinitionIssue,
  type ThresholdDefinitionIssueCode,
} from "./definition.js";
export { type DescribeThresholdOptions, describeThresholdState } from "./describe.js";
export {
  initialThresholdState,
  parseThresholdState,
  resetThresholdState,
  type ThresholdStateParse,
} from "./state.js";
export { stepThreshold } from "./step.js";
export {
  type BalanceReading,
  THRESHOLD_DIRECTIONS,
  THRESHOLD_DISARM_CAUSES,
  THRESHOLD_EVENT_TYPES,
  THRESHOLD_IGNORE_REASONS,
  THRESHOLD_PHASES,
  THRESHOLD_STARTUP_POLICIES,
  THRESHOLD_SUPPRESS_REASONS,
  type ThresholdDefinition,
  type ThresholdDirection,
  type ThresholdDisarmCause,
  type ThresholdEvent,
  type ThresholdEventType,
  type ThresholdIgnoreReason,
  type ThresholdPhase,
  type ThresholdStartupPolicy,
  type ThresholdState,
  type ThresholdStep,
  type ThresholdSuppressReason,
} from "./types.js";
