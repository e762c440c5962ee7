import type { SequenceError } from "@seqd/core";
import type { Firing, Store } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import type { Alerter } from "./alerter.js";
import { createFiringLedger, firingFields } from "./firing-ledger.js";
import type { StoreGuard } from "./store-guard.js";

/** How one firing ended in this process. */
export type DispatchResult =
  | {
      firingId: number;
      status: "accepted";
      requestId: string | undefined;
      attempts: number;
      conflict: boolean;
    }
  | { firingId: number; status: "failed" | "ambiguous"; reason: string; attempts: number }
  | { firingId: number; status: "dry-run" }
  /** Not finished here (stopping, not the leader, store unwritable): it stays claimed/sent for recovery. */
  | { firingId: number; status: "left"; reason: string };

/** Where a firing stands while the dispatcher works on it. */
export interface AttemptState {
  status: "claimed" | "sent";
  /** An attempt (here or before a restart) may have run the rule: giving up means `ambiguous`. */
  uncertain: boolean;
  attempts: number;
}

/** The ways a dispatch ends: each writes the ledger, counts the metric, logs, and alerts. */
export interface FiringEndings {
  /** Sequence has it (2xx, or 409 for a key it already knows). */
  accepted(
    firing: Firing,
    attempts: number,
    requestId: string | undefined,
    conflict: boolean,
  ): Promise<DispatchResult>;
  /** Will not (or no longer) be sent: `failed`, or `ambiguous` when Sequence may have run it. */
  ended(
    firing: Firing,
    state: AttemptState,
    reason: string,
    message: string,
    error?: SequenceError,
  ): Promise<DispatchResult>;
  /** Not finished here; the ledger keeps it claimed/sent for recovery. */
  left(firing: Firing, reason: string): DispatchResult;
  /** A dry-run record: logged and counted, nothing sent. */
  dryRun(firing: Firing, url: string | undefined): DispatchResult;
}

/** Creates the endings over the firing ledger. Store errors propagate to the dispatcher. */
export function createFiringEndings(options: {
  store: Store;
  guard: StoreGuard;
  alerter: Alerter;
  logger: Logger;
  metrics: Metrics;
}): FiringEndings {
  const { alerter, logger, metrics } = options;
  const ledger = createFiringLedger(options.store, options.guard);
  return {
    async accepted(firing, attempts, requestId, conflict) {
      await ledger.countAttempt(firing);
      const moved = await ledger.finish(firing, ["sent"], {
        to: "accepted",
        ...(requestId === undefined ? {} : { requestId }),
        ...(conflict ? { reason: "409: Sequence already had this idempotency key" } : {}),
      });
      metrics.firings.inc({ trigger: firing.triggerId, outcome: "accepted" });
      const fields = { ...firingFields(firing), event: "firing.accepted", requestId, attempts, conflict };
      if (moved) logger.info(fields, `trigger ${firing.triggerId} accepted by Sequence`);
      else
        logger.warn(fields, "Sequence accepted the trigger, but the ledger had already closed this firing");
      // A trigger that fires again is healthy: its failure and missed-occurrence alerts close.
      await alerter.resolve("firing_failed", firing.triggerId, `trigger ${firing.triggerId} fired again`);
      await alerter.resolve("occurrence_missed", firing.triggerId, `trigger ${firing.triggerId} fired again`);
      return { firingId: firing.id, status: "accepted", requestId, attempts, conflict };
    },

    async ended(firing, state, reason, message, error) {
      const to = state.uncertain ? "ambiguous" : "failed";
      const details = { ...firingFields(firing), reason, attempts: state.attempts };
      // Alert first, then record: a crash between the two leaves the firing unfinished (recovery
      // resends it) and an alert that may prove a false alarm, never a failure nobody was told of.
      logger.error({ ...details, event: `firing.${to}`, code: error?.code, status: error?.status }, message);
      if (to === "ambiguous") {
        await alerter.raise({
          kind: "firing_ambiguous",
          subject: String(firing.id),
          message: `${message} — Sequence may have run rule ${firing.ruleId}: check it in the Sequence app before firing by hand`,
          details,
        });
      } else {
        await alerter.raise({ kind: "firing_failed", subject: firing.triggerId, message, details });
      }
      if (error !== undefined)
        await ledger.countAttempt(firing, { code: error.code, message: error.message });
      await ledger.finish(firing, [state.status], {
        to,
        reason,
        ...(error === undefined
          ? {}
          : { errorCode: error.sequenceCode ?? error.code, errorMessage: error.message }),
        ...(error?.requestId === undefined ? {} : { requestId: error.requestId }),
      });
      metrics.firings.inc({ trigger: firing.triggerId, outcome: to });
      return { firingId: firing.id, status: to, reason, attempts: state.attempts };
    },

    left(firing, reason) {
      logger.warn(
        { ...firingFields(firing), event: "firing.left", reason },
        `firing left ${firing.status}: ${reason}`,
      );
      return { firingId: firing.id, status: "left", reason };
    },

    dryRun(firing, url) {
      metrics.firings.inc({ trigger: firing.triggerId, outcome: "dry-run" });
      logger.info(
        {
          ...firingFields(firing),
          event: "firing.dry-run",
          url: url === undefined ? undefined : safeUrl(url),
        },
        `dry run: would trigger rule ${firing.ruleId} for ${firing.triggerId} (Sequence not called)`,
      );
      return { firingId: firing.id, status: "dry-run" };
    },
  };
}

/** A rule URL for logs: origin and path (Sequence's URLs carry no secret, but a query might). */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "<invalid URL>";
  }
}
