import type { Clock } from "@seqd/core";
import { type Alert, isAlertDue, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import { ALERT_KINDS, type AlertKind, alertKey, isAlertKind } from "./alert-kinds.js";
import type { AlertNotice, AlertWebhook } from "./alert-webhook.js";
import { createTaskTracker } from "./task-tracker.js";
import type { TimerHandle, Timers } from "./timers.js";

/** One alert as raised by a component. */
export interface AlertInput {
  kind: AlertKind;
  /** What it is about (a trigger id, an alias, a firing id); part of the dedupe key. */
  subject?: string;
  /** One line for humans: what happened and what to do. Never a secret. */
  message: string;
  /** Structured facts for logs and the webhook: `triggerId`, `ruleId`, `firingId`, `occurrence`… */
  details?: Record<string, unknown>;
}

/** Where alerts go besides the log. */
export interface AlerterConfig {
  webhook: AlertWebhook | undefined;
  /** `alerts.repeatEvery`: the same open alert is (re)sent at most this often. */
  repeatEveryMs: number;
}

/** Options of {@link createAlerter}. */
export interface AlerterOptions extends AlerterConfig {
  store: Store;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
}

/** Raises, deduplicates, delivers and resolves alerts. */
export interface Alerter {
  /** Logs the alert, records it in the store (deduplicated by key) and sends it to the webhook when due. */
  raise(input: AlertInput): Promise<void>;
  /** Closes an open alert; a webhook that was told about it gets one `resolved` notice. */
  resolve(kind: AlertKind, subject?: string, message?: string): Promise<void>;
  /** Sends open alerts that are due: never-delivered ones, and conditions every `repeatEvery`. */
  flush(): Promise<void>;
  /** Starts the periodic flush. */
  start(): void;
  /** Applies a reloaded `alerts:` section. */
  configure(config: AlerterConfig): void;
  /** Stops the periodic flush and waits for deliveries in flight. */
  stop(): Promise<void>;
  /** Resolves when no delivery is running. */
  idle(): Promise<void>;
}

/** The flush runs at least this often, so a failed delivery is retried within a minute. */
const MAX_FLUSH_EVERY_MS = 60_000;

/**
 * Alerts go to the log always, and to `alerts.webhook` when configured. The store's alert
 * table deduplicates them across restarts; when the store itself is failing (the
 * `store_unwritable` alert), a small in-memory table stands in so alerts still go out.
 *
 * @example
 * const alerter = createAlerter({ store, clock, timers, logger, metrics, webhook, repeatEveryMs: 3_600_000 });
 * await alerter.raise({ kind: "stale_balance", subject: "checking", message: "…" });
 */
export function createAlerter(options: AlerterOptions): Alerter {
  const { store, clock, timers, logger, metrics } = options;
  let config: AlerterConfig = { webhook: options.webhook, repeatEveryMs: options.repeatEveryMs };
  const tasks = createTaskTracker();
  const delivering = new Set<string>();
  // Stand-in for the alert table while the store refuses writes.
  const fallback = new Map<string, Alert>();
  let flushTimer: TimerHandle | undefined;
  let stopped = false;

  function logAlert(alert: Alert, details: Record<string, unknown>): void {
    const fields = { event: "alert", kind: alert.kind, key: alert.key, severity: alert.severity, ...details };
    switch (alert.severity) {
      case "critical":
        logger.error(fields, alert.message);
        return;
      case "warning":
        logger.warn(fields, alert.message);
        return;
      case "info":
        logger.info(fields, alert.message);
        return;
    }
  }

  function notice(alert: Alert, status: AlertNotice["status"]): AlertNotice {
    const summary = isAlertKind(alert.kind) ? ALERT_KINDS[alert.kind].summary : alert.kind;
    const body: AlertNotice = {
      source: "seqd",
      status,
      kind: alert.kind,
      key: alert.key,
      severity: alert.severity,
      summary,
      message: alert.message,
      details: alert.details,
      firstSeenAt: alert.firstSeenAt.toISOString(),
      lastSeenAt: alert.lastSeenAt.toISOString(),
      count: alert.count,
    };
    if (alert.resolvedAt !== undefined) body.resolvedAt = alert.resolvedAt.toISOString();
    return body;
  }

  /** Sends in the background; one delivery per key at a time. */
  function deliver(alert: Alert, status: AlertNotice["status"]): void {
    const webhook = config.webhook;
    if (webhook === undefined || stopped) return;
    const slot = `${status}:${alert.key}`;
    if (delivering.has(slot)) return;
    delivering.add(slot);
    const fields = { event: "alert.delivery", key: alert.key, status, webhook: webhook.origin };
    const run = async () => {
      const result = await webhook.deliver(notice(alert, status));
      if (!result.ok) {
        // The alert stays unsent, so the next flush tries again.
        logger.error({ ...fields, attempts: result.attempts, error: result.error }, "alert webhook failed");
        return;
      }
      logger.debug({ ...fields, attempts: result.attempts }, "alert delivered");
      if (status === "firing") await markSent(alert.key);
    };
    void tasks.track(
      run()
        .catch((error: unknown) => logger.error({ ...fields, err: error }, "alert delivery crashed"))
        .finally(() => delivering.delete(slot)),
    );
  }

  async function markSent(key: string): Promise<void> {
    const at = clock.now();
    const standIn = fallback.get(key);
    if (standIn !== undefined) standIn.lastSentAt = at;
    try {
      await store.markAlertSent(key, at);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
    }
  }

  async function refreshOpenCount(): Promise<void> {
    try {
      metrics.alertsOpen.set((await store.listOpenAlerts()).length);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      metrics.alertsOpen.set(fallback.size);
    }
  }

  function standIn(key: string, input: AlertInput): Alert {
    const now = clock.now();
    const { severity } = ALERT_KINDS[input.kind];
    const known = fallback.get(key);
    const alert: Alert = {
      key,
      kind: input.kind,
      severity,
      message: input.message,
      details: input.details ?? null,
      status: "open",
      firstSeenAt: known?.firstSeenAt ?? now,
      lastSeenAt: now,
      count: (known?.count ?? 0) + 1,
      lastSentAt: known?.lastSentAt,
      resolvedAt: undefined,
    };
    fallback.set(key, alert);
    return alert;
  }

  function isDue(alert: Alert): boolean {
    return isAlertDue(alert, { now: clock.now(), repeatEveryMs: config.repeatEveryMs });
  }

  function scheduleFlush(): void {
    if (stopped) return;
    const every = Math.max(1_000, Math.min(config.repeatEveryMs, MAX_FLUSH_EVERY_MS));
    flushTimer = timers.setTimeout(() => {
      void tasks.track(alerter.flush().finally(scheduleFlush));
    }, every);
  }

  const alerter: Alerter = {
    async raise(input) {
      const key = alertKey(input.kind, input.subject);
      const { severity } = ALERT_KINDS[input.kind];
      let alert: Alert;
      try {
        alert = (
          await store.openAlert({
            key,
            kind: input.kind,
            severity,
            message: input.message,
            details: input.details ?? null,
          })
        ).alert;
        const standInAlert = fallback.get(key);
        // Deliveries made while the store was down count as sent.
        if (standInAlert?.lastSentAt !== undefined && alert.lastSentAt === undefined) {
          alert.lastSentAt = standInAlert.lastSentAt;
          await markSent(key);
        }
        fallback.delete(key);
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        alert = standIn(key, input);
      }
      logAlert(alert, input.details ?? {});
      if (isDue(alert)) deliver(alert, "firing");
      await refreshOpenCount();
    },

    async resolve(kind, subject, message) {
      const key = alertKey(kind, subject);
      let resolved: Alert | undefined;
      const standInAlert = fallback.get(key);
      fallback.delete(key);
      try {
        resolved = await store.resolveAlert(key);
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
      }
      resolved ??= standInAlert === undefined ? undefined : { ...standInAlert, status: "resolved" };
      if (resolved === undefined) return;
      resolved.resolvedAt ??= clock.now();
      const text = message ?? `resolved: ${resolved.message}`;
      logger.info({ event: "alert.resolved", kind, key, severity: resolved.severity }, text);
      const wasSent = resolved.lastSentAt !== undefined || standInAlert?.lastSentAt !== undefined;
      if (wasSent) deliver({ ...resolved, message: text }, "resolved");
      await refreshOpenCount();
    },

    async flush() {
      let open: Alert[];
      try {
        open = await store.listOpenAlerts();
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        open = [];
      }
      const stored = new Set(open.map((alert) => alert.key));
      const candidates = [...open, ...[...fallback.values()].filter((alert) => !stored.has(alert.key))];
      for (const alert of candidates) {
        const repeats = isAlertKind(alert.kind) ? ALERT_KINDS[alert.kind].repeats : true;
        if (!isDue(alert) || (!repeats && alert.lastSentAt !== undefined)) continue;
        if (alert.lastSentAt !== undefined) {
          logger.info({ event: "alert.repeat", kind: alert.kind, key: alert.key }, alert.message);
        }
        deliver(alert, "firing");
      }
      metrics.alertsOpen.set(open.length + fallback.size);
    },

    start() {
      if (flushTimer === undefined && !stopped) scheduleFlush();
    },

    configure(next) {
      config = next;
    },

    async stop() {
      stopped = true;
      if (flushTimer !== undefined) timers.clearTimeout(flushTimer);
      await tasks.idle();
    },

    idle: () => tasks.idle(),
  };
  return alerter;
}
