import type { Clock } from "@seqd/core";
import type { Metrics } from "../observability/metrics.js";
import type { Alerter } from "./alerter.js";
import type { BalanceBook } from "./balance-book.js";
import type { TimerHandle, Timers } from "./timers.js";

/** How often balance ages are re-judged between polls (more often when `staleAfter` is short). */
export const STALENESS_CHECK_EVERY_MS = 30_000;

/**
 * The re-judging period: a hung poll never calls `check()`, so this bounds how late
 * `stale_balance` comes. A quarter of `staleAfter` (at least 1 s) keeps that lag small
 * against `staleAfter` itself, not only against the default 30 s.
 */
export function stalenessCheckPeriodMs(checkEveryMs: number, staleAfterMs: number): number {
  return Math.min(checkEveryMs, Math.max(1_000, Math.floor(staleAfterMs / 4)));
}

/** Options of {@link createStalenessWatch}. */
export interface StalenessWatchOptions {
  book: BalanceBook;
  alerter: Alerter;
  clock: Clock;
  timers: Timers;
  metrics: Metrics;
  staleAfterMs: number;
  /** Default {@link STALENESS_CHECK_EVERY_MS}. */
  checkEveryMs?: number;
}

/** Keeps `seqd_balance_age_seconds` current and raises/resolves `stale_balance` per alias. */
export interface StalenessWatch {
  /** Judges every alias now. */
  check(): Promise<void>;
  start(): void;
  stop(): void;
  configure(config: { staleAfterMs: number }): void;
}

/**
 * An alias is stale when its last good balance is older than `polling.staleAfter`. The alert
 * counts from the later of that reading and the watch's start, so a restart after downtime
 * gives the first polls their chance before alerting; the metric always shows the real age.
 */
export function createStalenessWatch(options: StalenessWatchOptions): StalenessWatch {
  const { book, alerter, clock, timers, metrics } = options;
  const checkEveryMs = options.checkEveryMs ?? STALENESS_CHECK_EVERY_MS;
  let staleAfterMs = options.staleAfterMs;
  const startedAtMs = clock.now().getTime();
  // undefined: not judged yet in this process (an alert left open by a previous run may need resolving).
  const stale = new Map<string, boolean>();
  let timer: TimerHandle | undefined;
  let stopped = false;

  function schedule(): void {
    if (stopped) return;
    timer = timers.setTimeout(
      () => {
        void watch.check().finally(schedule);
      },
      stalenessCheckPeriodMs(checkEveryMs, staleAfterMs),
    );
  }

  const watch: StalenessWatch = {
    async check() {
      const now = clock.now();
      for (const alias of book.aliases()) {
        const good = book.lastGood(alias);
        if (good !== undefined) {
          metrics.balanceAge.set({ account: alias }, (now.getTime() - good.at.getTime()) / 1000);
        }
        const sinceMs = Math.max(good?.at.getTime() ?? Number.NEGATIVE_INFINITY, startedAtMs);
        const isStale = now.getTime() - sinceMs > staleAfterMs;
        if (stale.get(alias) === isStale) continue;
        stale.set(alias, isStale);
        if (isStale) {
          const view = book.view(alias, now);
          const latest = view.status === "unavailable" ? `; the last read failed: ${view.reason}` : "";
          const last =
            good === undefined ? "no good balance yet" : `last good balance from ${good.at.toISOString()}`;
          await alerter.raise({
            kind: "stale_balance",
            subject: alias,
            message: `balance of ${alias} is stale (${last}, stale after ${staleAfterMs / 1000}s${latest}): thresholds on it hold and amounts use onStale`,
            details: { account: alias, lastGoodAt: good?.at.toISOString() ?? null },
          });
        } else {
          await alerter.resolve("stale_balance", alias, `balance of ${alias} is fresh again`);
        }
      }
    },
    start() {
      if (timer === undefined) schedule();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
    },
    configure(config) {
      staleAfterMs = config.staleAfterMs;
    },
  };
  return watch;
}
