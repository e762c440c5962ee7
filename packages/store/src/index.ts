export { isAlertDue } from "./alert-due.js";
export {
  assertNever,
  isRetryableStoreError,
  STORE_ERROR_CODES,
  StoreError,
  type StoreErrorCode,
} from "./errors.js";
export {
  CLAIM_STATUSES,
  type ClaimStatus,
  canTransition,
  FIRING_STATUSES,
  type FiringStatus,
  isTerminalStatus,
  MAY_HAVE_MOVED_MONEY,
  UNFINISHED_STATUSES,
} from "./firing-status.js";
export { type OpenStoreOptions, openStore } from "./open-store.js";
export type { PostgresOptions } from "./postgres/open-postgres.js";
export type { SqliteOptions } from "./sqlite/open-sqlite.js";
export type { Store } from "./store.js";
export { redactStoreUrl } from "./store-url.js";
export {
  type AcquireLeaseInput,
  ALERT_SEVERITIES,
  type Alert,
  type AlertSeverity,
  type AmountAudit,
  type AmountAuditInput,
  type AttemptInput,
  type BalanceReading,
  type CachedBalance,
  type ClaimFiringInput,
  type ClaimResult,
  type ClockSkew,
  type CommitEvaluationInput,
  type ConfigSnapshot,
  type ConfigSource,
  type Fencing,
  type Firing,
  type LastKnownGood,
  type LeaseStatus,
  type ListFiringsInput,
  type OpenAlertInput,
  type OpenAlertResult,
  type PutTriggerStateInput,
  type ReleaseLeaseInput,
  type RenewLeaseInput,
  type StoreHealth,
  type StoreInfo,
  type TransitionInput,
  type TriggerState,
} from "./types.js";
