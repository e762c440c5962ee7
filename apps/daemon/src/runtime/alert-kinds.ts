import type { AlertSeverity } from "@seqd/store";

/**
 * Every alert seqd raises, a closed table. `repeats`: a condition that stays true (a stale
 * balance, a rejected token) is re-sent every `alerts.repeatEvery` while open; an event (a
 * failed firing) is sent when raised (at most once per `repeatEvery` for the same key) and
 * not repeated on its own.
 */
export const ALERT_KINDS = {
  /** A fire was blocked by a guard that needs a look (`when` on stale balances, `maxPerDay`…). */
  firing_skipped: { severity: "warning", repeats: false, summary: "firing skipped" },
  /** The daemon started on the stored last-known-good config because the given one is invalid. */
  config_last_good: { severity: "critical", repeats: true, summary: "running the last-known-good config" },
  /** A firing was refused (4xx) or retries gave up without any attempt reaching Sequence. */
  firing_failed: { severity: "critical", repeats: false, summary: "firing failed" },
  /** A firing may or may not have moved money (timeouts, 5xx, too old to resend): a human must check. */
  firing_ambiguous: { severity: "critical", repeats: false, summary: "firing ambiguous" },
  /** An intended occurrence was not fired (daemon down past the resend window, or catch-up policy). */
  occurrence_missed: { severity: "warning", repeats: false, summary: "occurrence missed" },
  /** A configured account has had no fresh balance for longer than `polling.staleAfter`. */
  stale_balance: { severity: "warning", repeats: true, summary: "stale balance" },
  /** A configured account name matches no Sequence account, or several. */
  account_unresolved: { severity: "warning", repeats: true, summary: "account unresolved" },
  /** Sequence answered 401 INVALID_ACCESS_TOKEN to `POST /accounts`. */
  access_token_rejected: { severity: "critical", repeats: true, summary: "access token rejected" },
  /** A rule's secret was rejected repeatedly; the rule is not called until its config changes or a reset. */
  rule_circuit_open: { severity: "critical", repeats: true, summary: "rule circuit open" },
  /** The store refused a write: seqd does not fire (fail closed) until it recovers. */
  store_unwritable: { severity: "critical", repeats: true, summary: "store unwritable" },
  /** An amount endpoint answered without a computed amount (stale balances, formula error): 0 or 503. */
  amount_degraded: { severity: "warning", repeats: false, summary: "amount endpoint degraded" },
  /** A reload was refused; the previous config keeps running. */
  config_reload_refused: { severity: "warning", repeats: false, summary: "config reload refused" },
  /** This host's clock disagrees with the store's. */
  clock_skew: { severity: "warning", repeats: true, summary: "clock skew" },
} as const satisfies Record<string, { severity: AlertSeverity; repeats: boolean; summary: string }>;

/** One of {@link ALERT_KINDS}. */
export type AlertKind = keyof typeof ALERT_KINDS;

/** Every alert kind, in table order. */
export const ALERT_KIND_NAMES = Object.keys(ALERT_KINDS) as AlertKind[];

/** Narrows a stored kind string to an {@link AlertKind}. */
export function isAlertKind(value: string): value is AlertKind {
  return Object.hasOwn(ALERT_KINDS, value);
}

/**
 * The dedupe key of an alert: the kind, plus what it is about (`stale_balance:checking`).
 * Raising the same key again bumps the open alert instead of opening another.
 */
export function alertKey(kind: AlertKind, subject?: string): string {
  return subject === undefined ? kind : `${kind}:${subject}`;
}
