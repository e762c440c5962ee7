import { type AmountAuditInput, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import type { StoreGuard } from "../runtime/store-guard.js";
import { meansUnwritable } from "../runtime/store-guard.js";
import type { TimerHandle, Timers } from "../runtime/timers.js";

/** Defaults of {@link AuditQueueOptions}. */
export const AUDIT_FLUSH_EVERY_MS = 1_000;
export const AUDIT_BATCH_ROWS = 500;
export const AUDIT_MAX_QUEUED = 20_000;

/** Options of {@link createAuditQueue}. */
export interface AuditQueueOptions {
  store: Pick<Store, "appendAmountAudits">;
  guard: Pick<StoreGuard, "write">;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
  /** How long a row waits at most before its batch is written; default {@link AUDIT_FLUSH_EVERY_MS}. */
  flushEveryMs?: number;
  /** Rows per store write; a full batch is written at once. Default {@link AUDIT_BATCH_ROWS}. */
  batchRows?: number;
  /** Rows held at most (a store outage must not grow memory without bound). Default {@link AUDIT_MAX_QUEUED}. */
  maxQueued?: number;
}

/** Amount audit rows on their way to the store, one row per answer, written in batches. */
export interface AuditQueue {
  /** Queues one row; never blocks, never throws. */
  push(row: AmountAuditInput): void;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Flushes what is left; rows pushed afterwards are dropped (counted and logged). */
  stop(): Promise<void>;
  /** Rows waiting to be written. */
  pending(): number;
}

type DropReason = "queue_full" | "store_refused" | "stopped";

/**
 * Batches amount audits off the request path: a timer (or a full batch) writes them through
 * the store guard. When the store cannot write, rows wait (up to `maxQueued`) and are retried;
 * rows past the cap, or refused as invalid, are dropped, counted in
 * `seqd_amount_audits_dropped_total` and logged, never silently.
 *
 * @example
 * const audits = createAuditQueue({ store, guard, timers, logger, metrics });
 * startHttpServer({ …, audit: audits.push });
 */
export function createAuditQueue(options: AuditQueueOptions): AuditQueue {
  const { store, guard, timers, logger, metrics } = options;
  const flushEveryMs = options.flushEveryMs ?? AUDIT_FLUSH_EVERY_MS;
  const batchRows = options.batchRows ?? AUDIT_BATCH_ROWS;
  const maxQueued = options.maxQueued ?? AUDIT_MAX_QUEUED;
  let queue: AmountAuditInput[] = [];
  let timer: TimerHandle | undefined;
  let writing: Promise<void> | undefined;
  let stopped = false;
  const dropped: Record<DropReason, number> = { queue_full: 0, store_refused: 0, stopped: 0 };

  function drop(reason: DropReason, count: number): void {
    dropped[reason] += count;
    metrics.amountAuditsDropped.inc({ reason }, count);
  }

  /** One line per flush for what was dropped since the last, rather than one per row. */
  function reportDrops(): void {
    for (const reason of Object.keys(dropped) as DropReason[]) {
      const count = dropped[reason];
      if (count === 0) continue;
      dropped[reason] = 0;
      logger.error(
        { event: "amount.audits_dropped", reason, count },
        `dropped ${count} amount audit rows (${reason})`,
      );
    }
  }

  function schedule(): void {
    if (timer !== undefined || stopped) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void queueApi.flush();
    }, flushEveryMs);
  }

  async function writeAll(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchRows);
      queue = queue.slice(batch.length);
      try {
        await guard.write("appendAmountAudits", () => store.appendAmountAudits(batch));
      } catch (error) {
        if (error instanceof StoreError && meansUnwritable(error.code)) {
          // Keep them for the next attempt, within the cap.
          const room = Math.max(0, maxQueued - queue.length);
          drop("queue_full", Math.max(0, batch.length - room));
          queue = [...batch.slice(0, room), ...queue];
          logger.warn(
            { event: "amount.audits_deferred", rows: queue.length, err: error },
            "amount audits wait for the store",
          );
          schedule();
          return;
        }
        drop("store_refused", batch.length);
        logger.error(
          { event: "amount.audits_refused", rows: batch.length, err: error },
          "the store refused amount audits",
        );
      }
    }
  }

  const queueApi: AuditQueue = {
    push(row) {
      if (stopped) {
        drop("stopped", 1);
        reportDrops();
        return;
      }
      if (queue.length >= maxQueued) {
        drop("queue_full", 1);
        schedule();
        return;
      }
      queue.push(row);
      if (queue.length >= batchRows && writing === undefined) void queueApi.flush();
      else schedule();
    },
    async flush() {
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      // One writer at a time keeps batches in order; a flush during a write waits for it and goes again.
      while (writing !== undefined) await writing;
      writing = writeAll().finally(() => {
        writing = undefined;
      });
      await writing;
      reportDrops();
    },
    async stop() {
      await queueApi.flush();
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      // The store could not take them before shutdown: say so rather than lose them quietly.
      drop("stopped", queue.length);
      queue = [];
      reportDrops();
    },
    pending: () => queue.length,
  };
  return queueApi;
}
