import { assertNever, type Store, StoreError, type StoreErrorCode } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import type { Alerter } from "./alerter.js";
import type { TimerHandle, Timers } from "./timers.js";

/** How often the store is probed with a test write. */
export const STORE_PROBE_EVERY_MS = 30_000;

/** Options of {@link createStoreGuard}. */
export interface StoreGuardOptions {
  store: Store;
  alerter: Alerter;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
  /** Default {@link STORE_PROBE_EVERY_MS}. */
  probeEveryMs?: number;
}

/**
 * Fail closed: every write that gates a call to Sequence goes through {@link StoreGuard.write}.
 * While the store is unhealthy, writes fail at once without touching it.
 * When one fails, seqd stops firing (the caller does not call Sequence), raises
 * `store_unwritable`, sets `seqd_store_healthy` to 0, and probes the store until a test write
 * succeeds again; then recovery listeners run (the dispatcher resumes unfinished firings).
 */
export interface StoreGuard {
  /** Runs `fn`; a {@link StoreError} that means "cannot write" marks the store unhealthy. Rethrows. */
  write<T>(operation: string, fn: () => Promise<T>): Promise<T>;
  /** False from a failed write until a probe succeeds. */
  healthy(): boolean;
  /** Probes now (also runs every `probeEveryMs` once started). */
  probe(): Promise<boolean>;
  /** Called each time the store becomes writable again. */
  onRecovered(listener: () => void): () => void;
  start(): void;
  stop(): void;
}

/**
 * Whether a store error means the store cannot take writes (fail closed), as opposed to a
 * refused input (a bug, reported but not a health problem) or a lost lease.
 */
export function meansUnwritable(code: StoreErrorCode): boolean {
  switch (code) {
    case "READ_ONLY":
    case "DISK_FULL":
    case "CORRUPT":
    case "LOCKED":
    case "UNAVAILABLE":
    case "IO":
    case "CLOSED":
    case "MIGRATION":
    case "CONSTRAINT":
    case "INTERNAL":
      return true;
    case "INVALID_URL":
    case "INVALID_INPUT":
    case "INVALID_TRANSITION":
    case "NOT_FOUND":
    case "FENCED":
      return false;
    default:
      return assertNever(code);
  }
}

/** Creates the guard; the store counts as healthy until a write fails or a probe does. */
export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const { store, alerter, timers, logger, metrics } = options;
  const probeEveryMs = options.probeEveryMs ?? STORE_PROBE_EVERY_MS;
  const listeners = new Set<() => void>();
  let isHealthy = true;
  let lastFailure: { code: StoreErrorCode; message: string } = { code: "UNAVAILABLE", message: "" };
  let stopped = false;
  let timer: TimerHandle | undefined;
  metrics.storeHealthy.set(1);

  async function markUnhealthy(operation: string, code: StoreErrorCode, message: string): Promise<void> {
    if (stopped) return;
    metrics.storeHealthy.set(0);
    lastFailure = { code, message };
    if (!isHealthy) return;
    isHealthy = false;
    await alerter.raise({
      kind: "store_unwritable",
      message: `the store refused a write (${operation}: ${code}): seqd fires nothing until it can record firings again — ${message}`,
      details: { operation, code },
    });
  }

  async function markHealthy(): Promise<void> {
    metrics.storeHealthy.set(1);
    if (isHealthy) return;
    isHealthy = true;
    logger.info({ event: "store.recovered" }, "the store accepts writes again; resuming firings");
    await alerter.resolve("store_unwritable", undefined, "the store accepts writes again");
    for (const listener of listeners) listener();
  }

  function schedule(): void {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      void guard.probe().finally(schedule);
    }, probeEveryMs);
  }

  const guard: StoreGuard = {
    async write(operation, fn) {
      // Known unwritable: fail at once. A locked SQLite file would otherwise hold the event
      // loop for its busy timeout on every write; the probe alone finds out when it is back.
      if (!isHealthy) {
        throw new StoreError(
          lastFailure.code,
          `not attempted (${operation}): the store is unwritable until a probe succeeds: ${lastFailure.message}`,
        );
      }
      try {
        return await fn();
      } catch (error) {
        if (error instanceof StoreError) {
          if (meansUnwritable(error.code)) {
            await markUnhealthy(operation, error.code, error.message);
          } else {
            logger.error({ event: "store.refused", operation, code: error.code, err: error }, error.message);
          }
        }
        throw error;
      }
    },
    healthy: () => isHealthy,
    async probe() {
      if (stopped) return isHealthy;
      const health = await store.health();
      if (health.ok) await markHealthy();
      else await markUnhealthy("health probe", health.code, health.message);
      return health.ok;
    },
    onRecovered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (timer === undefined) schedule();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
  return guard;
}
