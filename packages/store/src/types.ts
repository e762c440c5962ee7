import type { Cents } from "@seqd/core";
import type { StoreErrorCode } from "./errors.js";
import type { ClaimStatus, FiringStatus } from "./firing-status.js";

/** A row of the firing ledger: one intended occurrence of one trigger. */
export interface Firing {
  id: number;
  triggerId: string;
  /** The scheduled UTC instant (ISO), `manual:<ISO>`, or a threshold event id. */
  occurrence: string;
  /** Sent to Sequence as `idempotency-key` on every attempt of this firing. */
  idempotencyKey: string;
  ruleId: string;
  status: FiringStatus;
  attempts: number;
  lastErrorCode: string | undefined;
  lastErrorMessage: string | undefined;
  requestId: string | undefined;
  /** Why a firing was missed, skipped, failed or left ambiguous. */
  reason: string | undefined;
  configHash: string;
  /** The lease term that claimed it, when the claim was fenced. */
  fencingToken: number | undefined;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | undefined;
  completedAt: Date | undefined;
  nextAttemptAt: Date | undefined;
}

/** A lease term to check a write against; see `Store.acquireLease`. */
export interface Fencing {
  lease: string;
  token: number;
}

/** What `claimFiring` writes. `status` defaults to `claimed`. */
export interface ClaimFiringInput {
  triggerId: string;
  occurrence: string;
  /** 1–36 characters of `[A-Za-z0-9._:/|-]` (Sequence's rule). */
  idempotencyKey: string;
  ruleId: string;
  configHash: string;
  status?: ClaimStatus;
  /** Required for `missed` and `skipped`. */
  reason?: string;
  /** Reject the claim (code `FENCED`) if a newer lease term exists. */
  fencing?: Fencing;
}

/** `claimed: false` means the occurrence (or the key) is already in the ledger: do nothing. */
export type ClaimResult =
  | { claimed: true; firing: Firing }
  | { claimed: false; existing: Firing; conflict: "occurrence" | "idempotency-key" };

/** A compare-and-set status change; applies only while the firing is in one of `from`. */
export interface TransitionInput {
  from: readonly FiringStatus[];
  to: FiringStatus;
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  /** Required when moving to `missed` or `skipped`. */
  reason?: string;
}

/** One more attempt at an unfinished firing. Absent fields clear the stored value. */
export interface AttemptInput {
  errorCode?: string;
  errorMessage?: string;
  nextAttemptAt?: Date;
}

/** Filter for `listFirings`, newest first. */
export interface ListFiringsInput {
  triggerId?: string;
  /** 1–10 000. */
  limit: number;
  /** Only firings created strictly before this instant (paging). */
  before?: Date;
}

/** Persisted evaluation state of one trigger. */
export interface TriggerState {
  /** Hash of the trigger's definition; a changed definition resets the state. */
  definitionHash: string;
  /** Whatever the rules engine keeps; it round-trips through JSON. */
  state: unknown;
  /** Schedules: the last instant evaluated; occurrences up to it are decided. */
  cursor: Date | undefined;
  updatedAt: Date;
}

/** What `putTriggerState` writes (the whole record is replaced). */
export interface PutTriggerStateInput {
  triggerId: string;
  definitionHash: string;
  state: unknown;
  cursor?: Date;
}

/** One evaluation's decisions and the state after it, committed in one transaction. */
export interface CommitEvaluationInput extends PutTriggerStateInput {
  claims: readonly Omit<ClaimFiringInput, "fencing">[];
  fencing?: Fencing;
}

/** One poll result for one account: a good reading or the reason it failed. */
export type BalanceReading =
  | { account: string; ok: true; cents: Cents; fetchedAt: Date }
  | { account: string; ok: false; reason: string; at: Date };

/** The cache for one account. A failure never replaces the last good value. */
export interface CachedBalance {
  account: string;
  lastGood: { cents: Cents; fetchedAt: Date } | undefined;
  lastFailure: { reason: string; at: Date } | undefined;
}

/** One config file as it was loaded. */
export interface ConfigSource {
  path: string;
  text: string;
}

/** A config as loaded, keyed by its hash. */
export interface ConfigSnapshot {
  hash: string;
  sources: ConfigSource[];
  createdAt: Date;
}

/** The snapshot last marked good, with when it was marked. */
export interface LastKnownGood extends ConfigSnapshot {
  markedAt: Date;
}

/** One answer of an amount endpoint, as audited. */
export interface AmountAuditInput {
  at: Date;
  endpoint: string;
  requestId?: string;
  /** The balances the formula used (JSON-serializable). */
  inputs: unknown;
  formulaHash: string;
  /** The formula's result before clamping; absent when it errored. */
  raw?: Cents;
  /** The amount answered; absent when the request was rejected. */
  clamped?: Cents;
  outcome: string;
  errorCode?: string;
}

/** A stored amount audit row. */
export interface AmountAudit {
  id: number;
  at: Date;
  endpoint: string;
  requestId: string | undefined;
  inputs: unknown;
  formulaHash: string;
  raw: Cents | undefined;
  clamped: Cents | undefined;
  outcome: string;
  errorCode: string | undefined;
}

/** Alert severities, a closed table. */
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;

/** One of {@link ALERT_SEVERITIES}. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** What `openAlert` raises. Alerts with the same `key` are one alert. */
export interface OpenAlertInput {
  key: string;
  kind: string;
  severity: AlertSeverity;
  message: string;
  details?: unknown;
}

/** A deduplicated alert with what a notifier needs for `alerts.repeatEvery`. */
export interface Alert {
  key: string;
  kind: string;
  severity: AlertSeverity;
  message: string;
  details: unknown;
  status: "open" | "resolved";
  /** When this episode opened (reset when a resolved alert reopens). */
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** How many times it was raised in this episode. */
  count: number;
  lastSentAt: Date | undefined;
  resolvedAt: Date | undefined;
}

/** The answer of `openAlert`: `opened` is true when this call started a new episode. */
export interface OpenAlertResult {
  alert: Alert;
  opened: boolean;
}

/** Who holds a lease, and until when. */
export interface LeaseStatus {
  /** True when the caller holds the lease now. */
  leader: boolean;
  /** The current holder, `undefined` when released. */
  holder: string | undefined;
  /** The current term; grows by one each time leadership changes hands or lapses. */
  fencingToken: number;
  expiresAt: Date;
}

/** Input of `acquireLease`. */
export interface AcquireLeaseInput {
  name: string;
  holder: string;
  ttlMs: number;
}

/** Input of `renewLease`. */
export interface RenewLeaseInput extends AcquireLeaseInput {
  fencingToken: number;
}

/** Input of `releaseLease`. */
export interface ReleaseLeaseInput {
  name: string;
  holder: string;
  fencingToken: number;
}

/** Result of a write probe. */
export type StoreHealth = { ok: true } | { ok: false; code: StoreErrorCode; message: string };

/** Difference between the store's clock and the injected Clock. */
export interface ClockSkew {
  /** store time − our time, in ms (positive: the store is ahead). */
  skewMs: number;
  roundTripMs: number;
}

/** What a store is, for logs and `/readyz`. */
export interface StoreInfo {
  kind: "sqlite" | "postgres";
  /** The URL with any password removed. */
  location: string;
  schemaVersion: number;
  readOnly: boolean;
  settings: Readonly<Record<string, string>>;
}
