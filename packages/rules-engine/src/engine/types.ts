import type { Cents } from "@seqd/core";
import type { CatchUpReason } from "../schedule/index.js";
import type { BalanceReading, ThresholdEvent, ThresholdState } from "../threshold/index.js";
import type { DecisionReason } from "./reasons.js";

/** Latest balance reading per account alias, as the daemon's balance book (or a test) holds it. */
export type Balances = ReadonlyMap<string, BalanceReading>;

/**
 * One trigger's state as the store keeps it (`{ definitionHash, state, cursor }`). Schedules
 * keep `cursor`, the last instant evaluated (`state` is null); thresholds keep the reducer's
 * JSON state (`cursor` absent).
 */
export interface StoredTriggerState {
  definitionHash: string;
  state: unknown;
  cursor?: Date | undefined;
}

/** A schedule trigger's next state: every occurrence up to `cursor` is decided. */
export interface ScheduleRecord {
  definitionHash: string;
  state: null;
  cursor: Date;
}

/** A threshold trigger's next state: the reducer's. */
export interface ThresholdRecord {
  definitionHash: string;
  state: ThresholdState;
}

/** The state `evaluate` hands back for the store; `JSON` round-trips it exactly. */
export type NextTriggerState = ScheduleRecord | ThresholdRecord;

/** Why an intent fires. */
export type FiringCause =
  | {
      kind: "schedule";
      reason: Extract<CatchUpReason, "on_time" | "catch_up_latest" | "catch_up_all">;
      scheduledAt: Date;
      lateByMs: number;
    }
  | { kind: "threshold"; since: string; heldMs: number; cents: Cents | null }
  | { kind: "manual"; requestedAt: Date };

/** Fire this occurrence: claim it in the ledger with this key, then call Sequence. */
export interface FiringIntent {
  triggerId: string;
  ruleId: string;
  occurrence: string;
  idempotencyKey: string;
  cause: FiringCause;
}

/** A candidate that is not fired, recorded in the ledger with its status and reason. */
export interface DecisionRecord {
  triggerId: string;
  ruleId: string;
  occurrence: string;
  idempotencyKey: string;
  status: "missed" | "skipped";
  reason: DecisionReason;
  /** Human-readable specifics for logs and alerts (never a secret). */
  detail: string;
  /** Whether the daemon should raise an alert (`DECISION_REASONS[reason].alert`). */
  alert: boolean;
  /** For `missed_summarized`: the range and how many occurrences it stands for. */
  summary?: MissedSummary;
}

/** Missed occurrences recorded as one decision instead of one row each. */
export interface MissedSummary {
  first: Date;
  last: Date;
  count: number;
  /** How many had each catch-up reason. */
  reasons: Partial<Record<CatchUpReason, number>>;
}

/** Something worth a log line that is neither a fire nor a recorded decision. */
export type EngineEvent =
  | { type: "threshold"; triggerId: string; event: ThresholdEvent }
  | { type: "schedule_started"; triggerId: string; cursor: Date }
  | {
      type: "state_reset";
      triggerId: string;
      cause: "definition_changed" | "unreadable_state";
      detail: string;
    }
  | { type: "catch_up_paused"; triggerId: string; cursor: Date; detail: string };
