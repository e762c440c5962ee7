import type { Alert } from "./types.js";

/**
 * Whether a notifier should (re)send an alert now: an open alert never sent is due at once,
 * then again each `repeatEveryMs` (`alerts.repeatEvery`) after the last delivery.
 *
 * @example if (isAlertDue(alert, { now: clock.now(), repeatEveryMs: 3_600_000 })) send(alert)
 */
export function isAlertDue(alert: Alert, options: { now: Date; repeatEveryMs: number }): boolean {
  if (alert.status !== "open") return false;
  if (alert.lastSentAt === undefined) return true;
  return options.now.getTime() - alert.lastSentAt.getTime() >= options.repeatEveryMs;
}
