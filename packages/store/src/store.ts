import type {
  AcquireLeaseInput,
  Alert,
  AmountAudit,
  AmountAuditInput,
  AttemptInput,
  BalanceReading,
  CachedBalance,
  ClaimFiringInput,
  ClaimResult,
  ClockSkew,
  CommitEvaluationInput,
  ConfigSnapshot,
  ConfigSource,
  Firing,
  LastKnownGood,
  LeaseStatus,
  ListFiringsInput,
  OpenAlertInput,
  OpenAlertResult,
  PutTriggerStateInput,
  ReleaseLeaseInput,
  RenewLeaseInput,
  StoreHealth,
  StoreInfo,
  TransitionInput,
  TriggerState,
} from "./types.js";

/**
 * The durable store: the firing ledger, trigger state, balance cache, config snapshots,
 * amount audits, alerts and leadership. SQLite and Postgres implement it identically (one
 * contract test suite runs against both). Every method fails with a {@link StoreError}.
 *
 * Timestamps written by the store (`createdAt`, `updatedAt`, lease expiry…) come from the
 * Clock given to `openStore`.
 */
export interface Store {
  // ── firing ledger ──────────────────────────────────────────────────────────────────────

  /**
   * Writes a firing unless its `(triggerId, occurrence)` or its idempotency key is already in
   * the ledger, in one transaction. Call it (and wait for it) before calling Sequence.
   * Dry-run records live in their own uniqueness domain so a dry run never blocks a live firing.
   */
  claimFiring(input: ClaimFiringInput): Promise<ClaimResult>;

  /** Compare-and-set: moves firing `id` to `to` if its status is one of `from`; false otherwise. */
  transitionFiring(id: number, input: TransitionInput): Promise<boolean>;

  /** Counts one more attempt of an unfinished firing; false if it is finished or unknown. */
  recordAttempt(id: number, input: AttemptInput): Promise<boolean>;

  /** One firing by id. */
  getFiring(id: number): Promise<Firing | undefined>;

  /** Firings still `claimed` or `sent`, oldest first: what a restart must resend or mark ambiguous. */
  listUnfinished(): Promise<Firing[]>;

  /** Firings of a trigger created at or after `since` that may have moved money (for `maxPerDay`). */
  countFired(triggerId: string, since: Date): Promise<number>;

  /** Firings newest first (for `seqd history`). */
  listFirings(input: ListFiringsInput): Promise<Firing[]>;

  // ── trigger state ──────────────────────────────────────────────────────────────────────

  /** Every persisted trigger state, by trigger id. */
  getTriggerStates(): Promise<Map<string, TriggerState>>;

  /** Replaces one trigger's state (state is stored as JSON text). */
  putTriggerState(input: PutTriggerStateInput): Promise<void>;

  /** Forgets a trigger's state; false if there was none. */
  deleteTriggerState(triggerId: string): Promise<boolean>;

  /**
   * Claims an evaluation's occurrences and stores the trigger's new state and cursor in ONE
   * transaction: either the decisions and the cursor move together, or neither does.
   */
  commitEvaluation(input: CommitEvaluationInput): Promise<ClaimResult[]>;

  // ── balance cache ──────────────────────────────────────────────────────────────────────

  /** Records one poll's readings in one transaction. A failed reading never touches the last good value. */
  putBalances(readings: readonly BalanceReading[]): Promise<void>;

  /** The cache, by account. */
  getBalances(): Promise<Map<string, CachedBalance>>;

  // ── config snapshots ───────────────────────────────────────────────────────────────────

  /** Stores a config by hash; `created: false` when that hash was already stored. */
  saveConfigSnapshot(input: {
    hash: string;
    sources: readonly ConfigSource[];
  }): Promise<{ created: boolean }>;

  /** One snapshot by hash. */
  getConfigSnapshot(hash: string): Promise<ConfigSnapshot | undefined>;

  /** Marks a saved snapshot as the last known good config (`NOT_FOUND` if never saved). */
  markLastKnownGood(hash: string): Promise<void>;

  /** The snapshot last marked good. */
  getLastKnownGood(): Promise<LastKnownGood | undefined>;

  // ── amount audit ───────────────────────────────────────────────────────────────────────

  /** Inserts a buffered batch in one transaction (all or nothing); returns the count. */
  appendAmountAudits(rows: readonly AmountAuditInput[]): Promise<number>;

  /** Audits newest first. */
  listAmountAudits(input: { limit: number; endpoint?: string }): Promise<AmountAudit[]>;

  /** Deletes audits older than `before`; returns how many. */
  pruneAmountAudits(before: Date): Promise<number>;

  // ── alerts ─────────────────────────────────────────────────────────────────────────────

  /** Opens an alert or, if one with this key is open, bumps its count and `lastSeenAt`. */
  openAlert(input: OpenAlertInput): Promise<OpenAlertResult>;

  /** Records that an open alert was delivered at `at`; false if no such open alert. */
  markAlertSent(key: string, at: Date): Promise<boolean>;

  /** Resolves an open alert and returns it; undefined if it was not open. */
  resolveAlert(key: string): Promise<Alert | undefined>;

  /** Open alerts, oldest episode first. */
  listOpenAlerts(): Promise<Alert[]>;

  // ── leadership ─────────────────────────────────────────────────────────────────────────

  /**
   * Takes the lease if it is free, expired or already ours. A new term (a free or expired lease
   * taken) gets the next fencing token; re-acquiring our own live lease keeps the token.
   */
  acquireLease(input: AcquireLeaseInput): Promise<LeaseStatus>;

  /** Extends our live lease; `leader: false` if it expired or another holder took it. */
  renewLease(input: RenewLeaseInput): Promise<LeaseStatus>;

  /** Gives up our lease so a standby can take it at once; false if it was not ours. */
  releaseLease(input: ReleaseLeaseInput): Promise<boolean>;

  // ── health ─────────────────────────────────────────────────────────────────────────────

  /** A cheap write probe. Never throws. */
  health(): Promise<StoreHealth>;

  /** Compares the store's clock with ours (leases use ours; see the README). */
  clockSkew(): Promise<ClockSkew>;

  /** Backend, redacted location, schema version and connection settings. */
  describe(): Promise<StoreInfo>;

  /** Waits for running operations, then closes. Later calls fail with `CLOSED`. Idempotent. */
  close(): Promise<void>;
}
