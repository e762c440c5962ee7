/**
 * Why a candidate occurrence was not fired. Closed table: the store records the code as the
 * firing's reason, metrics label by it, and every switch on it is exhaustive. `status` is the
 * ledger status the decision is recorded with; `alert` says whether the daemon raises an alert.
 */
export const DECISION_REASONS = {
  missed_skip_policy: {
    status: "missed",
    alert: true,
    description: "missed (the daemon was down or late); catchUp policy skip records it and does not fire",
  },
  outside_window: {
    status: "missed",
    alert: true,
    description: "missed by more than catchUp.within",
  },
  superseded_by_latest: {
    status: "missed",
    alert: true,
    description: "missed; a newer occurrence fires instead (catchUp policy latest)",
  },
  over_max: {
    status: "missed",
    alert: true,
    description: "missed; more than catchUp.max inside the window, and the newer ones fire (policy all)",
  },
  missed_summarized: {
    status: "missed",
    alert: true,
    description: "many occurrences missed after a long outage, recorded as one range with a count",
  },
  condition_false: {
    status: "skipped",
    alert: false,
    description: "the trigger's when condition was false at fire time",
  },
  condition_stale: {
    status: "skipped",
    alert: true,
    description: "the when condition reads a balance that is stale or unavailable at fire time",
  },
  condition_error: {
    status: "skipped",
    alert: true,
    description: "the when condition could not be evaluated (overflow, division by zero …)",
  },
  max_per_day: {
    status: "skipped",
    alert: true,
    description: "the trigger already fired maxPerDay times in the last 24 hours",
  },
} as const satisfies Record<string, { status: "missed" | "skipped"; alert: boolean; description: string }>;

export type DecisionReason = keyof typeof DECISION_REASONS;

/** The reasons a guard (`when`, `maxPerDay`) blocks a fire with. */
export type GuardReason = "condition_false" | "condition_stale" | "condition_error" | "max_per_day";
