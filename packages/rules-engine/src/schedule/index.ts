export {
  CATCH_UP_REASONS,
  type CatchUpDecision,
  type CatchUpInput,
  type CatchUpPolicy,
  type CatchUpReason,
  type CatchUpVerdict,
  DEFAULT_CATCH_UP_MAX,
  DEFAULT_LATE_AFTER_MS,
  decideCatchUp,
} from "./catch-up.js";
export {
  type CollisionSearchBounds,
  DEFAULT_COLLISION_BOUNDS,
  type MinuteCollision,
  type MinuteCollisions,
  sameMinuteCollisions,
} from "./collisions.js";
export {
  type CompileScheduleResult,
  compileSchedule,
  type DayMatch,
  type Schedule,
  type ScheduleSpec,
} from "./compile.js";
export { SCHEDULE_ERROR_CODES, type ScheduleError, type ScheduleErrorCode } from "./errors.js";
export { formatInstant } from "./format-instant.js";
export { type DstHazard, type DstHazardKind, dstHazards } from "./hazards.js";
export { nextOccurrences, type Occurrence } from "./next-occurrences.js";
export { DEFAULT_OCCURRENCE_LIMIT, type OccurrencesBetween, occurrencesBetween } from "./occurrences.js";
export { type DstTransition, dstTransitions, isDstTransitionDay } from "./transitions.js";
