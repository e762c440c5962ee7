export { type AccountMapping, type AliasReading, mapAccounts, type NameProblem } from "./account-mapping.js";
export { ALERT_KIND_NAMES, ALERT_KINDS, type AlertKind, alertKey, isAlertKind } from "./alert-kinds.js";
export {
  type AlertNotice,
  type AlertWebhook,
  type AlertWebhookOptions,
  createAlertWebhook,
  WEBHOOK_RETRY,
  type WebhookResult,
} from "./alert-webhook.js";
export {
  type Alerter,
  type AlerterConfig,
  type AlerterOptions,
  type AlertInput,
  createAlerter,
} from "./alerter.js";
export {
  type BalanceBook,
  type BalanceBookConfig,
  type BalanceBookOptions,
  type BalanceChange,
  type BalanceView,
  balanceStoreKey,
  createBalanceBook,
  type GoodBalance,
} from "./balance-book.js";
export { CLOCK_SKEW_TOLERANCE_MS, checkClockSkew } from "./clock-skew.js";
export { type DispatchRule, dispatchRulesFromConfig, ruleChanged } from "./dispatch-rules.js";
export { createDispatcher, type Dispatcher, type DispatcherOptions } from "./dispatcher.js";
export { createFakeTimers, type FakeTimers } from "./fake-timers.js";
export type { AttemptState, DispatchResult, FiringEndings } from "./firing-endings.js";
export { firingFields } from "./firing-ledger.js";
export { IDEMPOTENCY_RETENTION_MS, RESEND_SAFETY_MARGIN_MS, RESEND_WINDOW_MS } from "./idempotency-window.js";
export {
  createLeadership,
  DISPATCHER_LEASE,
  LEASE_RENEW_EVERY_MS,
  LEASE_TTL_MS,
  type LeaderCheck,
  type Leadership,
  type LeadershipOptions,
} from "./leadership.js";
export { mayHaveExecuted } from "./may-have-executed.js";
export {
  MAX_POLL_JITTER_MS,
  nextPollDelay,
  POLL_BACKOFF_CAP_MS,
  UNAUTHORIZED_POLL_MS,
} from "./poll-schedule.js";
export {
  createPoller,
  type Poller,
  type PollerConfig,
  type PollerOptions,
  type PollOutcome,
} from "./poller.js";
export { type RecoveryOptions, type RecoveryReport, recoverFirings } from "./recovery.js";
export { CIRCUIT_OPEN_AFTER_401S, createRuleCircuit, type RuleCircuit } from "./rule-circuit.js";
export { createRuleLanes, type RuleLanes } from "./rule-lanes.js";
export { alerterConfigFromConfig, pollerConfigFromConfig } from "./runtime-config.js";
export { createStalenessWatch, STALENESS_CHECK_EVERY_MS, type StalenessWatch } from "./staleness-watch.js";
export {
  createStoreGuard,
  meansUnwritable,
  STORE_PROBE_EVERY_MS,
  type StoreGuard,
  type StoreGuardOptions,
} from "./store-guard.js";
export { createTaskTracker, type TaskTracker } from "./task-tracker.js";
export {
  createRealTimers,
  MAX_TIMER_CHUNK_MS,
  type RealTimersOptions,
  sleep,
  type TimerHandle,
  type Timers,
} from "./timers.js";
