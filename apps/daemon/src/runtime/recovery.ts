import type { Clock } from "@seqd/core";
import { type Firing, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import type { Alerter } from "./alerter.js";
import type { Dispatcher, DispatchResult } from "./dispatcher.js";
import { createFiringLedger, firingFields } from "./firing-ledger.js";
import { IDEMPOTENCY_RETENTION_MS, RESEND_WINDOW_MS } from "./idempotency-window.js";
import type { StoreGuard } from "./store-guard.js";

/** Options of {@link recoverFirings}. */
export interface RecoveryOptions {
  store: Store;
  guard: StoreGuard;
  dispatcher: Dispatcher;
  alerter: Alerter;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** In dry-run mode unfinished firings are reported, never sent or changed. */
  dryRun: boolean;
}

/** What recovery did with each unfinished firing. */
export interface RecoveryReport {
  /** Handed to the dispatcher: `claimed` ones are sent, `sent` ones resent with the same key. */
  resumed: { firing: Firing; result: Promise<DispatchResult> }[];
  /** Sent too long ago to resend safely: now `ambiguous`. */
  ambiguous: Firing[];
  /** Claimed too long ago and never sent: now `missed`. */
  missed: Firing[];
  /** Left as they are (dry-run mode, already in flight here, or the store refused a write). */
  untouched: Firing[];
}

/**
 * Restart recovery (also run when the store recovers or leadership is gained). For every
 * firing still `claimed` or `sent`:
 * - `claimed` (never sent), claimed within {@link RESEND_WINDOW_MS}: dispatched with its key;
 * - `sent`, first sent within the window: resent with the SAME key — Sequence answers the
 *   original result if it already ran it, so it runs at most once;
 * - older: `ambiguous` (if sent: it may have run) or `missed` (never sent), with an alert —
 *   never silently resent, because Sequence keeps keys only ~24 h.
 */
export async function recoverFirings(options: RecoveryOptions): Promise<RecoveryReport> {
  const { store, guard, dispatcher, alerter, clock, logger, metrics } = options;
  const ledger = createFiringLedger(store, guard);
  const report: RecoveryReport = { resumed: [], ambiguous: [], missed: [], untouched: [] };
  const unfinished = await guard.write("list unfinished firings", () => store.listUnfinished());
  const now = clock.now().getTime();
  for (const [index, firing] of unfinished.entries()) {
    if (dispatcher.isActive(firing.id)) {
      report.untouched.push(firing);
      continue;
    }
    const since = firing.status === "sent" ? (firing.sentAt ?? firing.createdAt) : firing.createdAt;
    const ageMs = now - since.getTime();
    const fields = { ...firingFields(firing), event: "recovery", status: firing.status, ageMs };
    if (options.dryRun) {
      logger.warn(
        fields,
        `dry run: firing ${firing.id} is still ${firing.status}; a live run would resume it`,
      );
      report.untouched.push(firing);
      continue;
    }
    try {
      if (ageMs <= RESEND_WINDOW_MS) {
        logger.info(
          fields,
          firing.status === "sent"
            ? `resending firing ${firing.id} with its idempotency key (sent before a restart, outcome unknown)`
            : `sending firing ${firing.id} (claimed before a restart, never sent)`,
        );
        report.resumed.push({ firing, result: dispatcher.dispatch(firing) });
      } else if (firing.status === "sent") {
        await expire(firing, "ambiguous", since, ageMs);
        report.ambiguous.push(firing);
      } else {
        await expire(firing, "missed", since, ageMs);
        report.missed.push(firing);
      }
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      // Fail closed: the rest waits for the store to recover (the guard re-runs recovery).
      report.untouched.push(...unfinished.slice(index));
      break;
    }
  }
  logger.info(
    {
      event: "recovery.done",
      resumed: report.resumed.length,
      ambiguous: report.ambiguous.length,
      missed: report.missed.length,
      untouched: report.untouched.length,
    },
    `recovery: ${report.resumed.length} resumed, ${report.ambiguous.length} ambiguous, ${report.missed.length} missed`,
  );
  return report;

  async function expire(
    firing: Firing,
    to: "ambiguous" | "missed",
    since: Date,
    ageMs: number,
  ): Promise<void> {
    const hours = Math.floor(ageMs / 3_600_000);
    const retentionHours = IDEMPOTENCY_RETENTION_MS / 3_600_000;
    const reason =
      to === "ambiguous"
        ? `sent ${hours} h ago (${since.toISOString()}) and never confirmed; Sequence keeps idempotency keys ~${retentionHours} h, so it is not resent`
        : `claimed ${hours} h ago (${since.toISOString()}) and never sent before seqd stopped; too late to fire`;
    const moved = await ledger.finish(firing, [firing.status], { to, reason });
    if (!moved) return;
    metrics.firings.inc({ trigger: firing.triggerId, outcome: to });
    const details = { ...firingFields(firing), reason };
    logger.error(
      { ...details, event: `firing.${to}` },
      `firing ${firing.id} of ${firing.triggerId} ${to}: ${reason}`,
    );
    if (to === "ambiguous") {
      await alerter.raise({
        kind: "firing_ambiguous",
        subject: String(firing.id),
        message: `trigger ${firing.triggerId} (${firing.occurrence}) may or may not have run rule ${firing.ruleId}: ${reason} — check the Sequence app`,
        details,
      });
    } else {
      await alerter.raise({
        kind: "occurrence_missed",
        subject: firing.triggerId,
        message: `trigger ${firing.triggerId} missed ${firing.occurrence}: ${reason}`,
        details,
      });
    }
  }
}
