import type { Clock } from "@seqd/core";
import { type Fencing, type LeaseStatus, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import { createTaskTracker } from "./task-tracker.js";
import type { TimerHandle, Timers } from "./timers.js";

/** The lease only the firing instance holds (design.md §7). */
export const DISPATCHER_LEASE = "dispatcher";

/** Lease length: a dead leader is replaced within this long. */
export const LEASE_TTL_MS = 30_000;

/** Renewal pace: three chances to renew before the lease lapses. */
export const LEASE_RENEW_EVERY_MS = 10_000;

/** What the dispatcher asks before each request. */
export interface LeaderCheck {
  isLeader(): boolean;
}

/** Leadership through the store's lease with a fencing token. */
export interface Leadership extends LeaderCheck {
  /** Tries to take the lease now, then keeps renewing (or retrying) on the timers. */
  start(): Promise<boolean>;
  /** The current term, for fenced claims; undefined when not the leader. */
  fencing(): Fencing | undefined;
  /** Called when leadership is gained (true) or lost (false). */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Resolves when no acquire or renewal is in flight. */
  idle(): Promise<void>;
  /** Stops renewing and releases the lease, so a standby can take over at once. */
  stop(): Promise<void>;
}

/** Options of {@link createLeadership}. */
export interface LeadershipOptions {
  store: Store;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
  /** Unique per process, e.g. `host:pid:random`. */
  holder: string;
  /** Defaults: {@link DISPATCHER_LEASE}, {@link LEASE_TTL_MS}, {@link LEASE_RENEW_EVERY_MS}. */
  name?: string;
  ttlMs?: number;
  renewEveryMs?: number;
  /** Whether a holder is known dead (see `holderIsDeadHere`): its lease is taken at once. */
  isHolderDead?: (holder: string) => boolean;
}

/**
 * Takes and renews the dispatcher lease. One SQLite daemon always wins it; a second daemon on
 * the same file (or a standby on Postgres) waits and retries. Leadership is judged locally
 * too: past the lease's expiry without a renewal, this instance stops firing even if it could
 * not hear from the store, so two instances never both believe they lead.
 *
 * @example
 * const leadership = createLeadership({ store, clock, timers, logger, metrics, holder: `${hostname()}:${process.pid}` });
 * await leadership.start(); // true
 */
export function createLeadership(options: LeadershipOptions): Leadership {
  const { store, clock, timers, logger, metrics, holder } = options;
  const name = options.name ?? DISPATCHER_LEASE;
  const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
  const renewEveryMs = options.renewEveryMs ?? LEASE_RENEW_EVERY_MS;
  const listeners = new Set<(leader: boolean) => void>();
  let lease: LeaseStatus | undefined;
  let announced = false;
  let timer: TimerHandle | undefined;
  let stopped = false;
  const tasks = createTaskTracker();

  const holds = (): boolean => lease?.leader === true && clock.now() < lease.expiresAt;

  function announce(): void {
    const leader = holds();
    metrics.leader.set(leader ? 1 : 0);
    if (leader === announced) return;
    announced = leader;
    logger.info(
      {
        event: leader ? "lease.acquired" : "lease.lost",
        lease: name,
        holder,
        fencingToken: lease?.fencingToken,
      },
      leader
        ? "this instance fires (holds the dispatcher lease)"
        : "this instance no longer fires (lease lost)",
    );
    for (const listener of listeners) listener(leader);
  }

  async function tick(): Promise<void> {
    try {
      lease =
        lease?.leader === true && holds()
          ? await store.renewLease({ name, holder, ttlMs, fencingToken: lease.fencingToken })
          : await store.acquireLease({ name, holder, ttlMs });
      if (!lease.leader && lease.holder !== undefined && options.isHolderDead?.(lease.holder) === true) {
        // The holder crashed on this machine: waiting out its TTL would only delay firing.
        const dead = lease.holder;
        await store.releaseLease({ name, holder: dead, fencingToken: lease.fencingToken });
        lease = await store.acquireLease({ name, holder, ttlMs });
        logger.warn(
          { event: "lease.taken_over", lease: name, from: dead, fencingToken: lease.fencingToken },
          `the previous holder (${dead}) is no longer running: lease taken over`,
        );
      }
      if (!lease.leader) {
        logger.debug({ event: "lease.standby", lease: name, holder: lease.holder }, "another instance fires");
      }
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      // Keep the lease we had until it expires; `holds()` stops firing after that.
      logger.warn({ event: "lease.error", code: error.code }, `lease renewal failed: ${error.message}`);
    }
    announce();
  }

  function schedule(): void {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      void tasks.track(tick()).finally(schedule);
    }, renewEveryMs);
  }

  return {
    idle: () => tasks.idle(),
    async start() {
      await tasks.track(tick());
      // A second start only re-tries now; one renewal loop is enough.
      if (timer === undefined) schedule();
      return holds();
    },
    isLeader: () => {
      const leader = holds();
      if (leader !== announced) announce();
      return leader;
    },
    fencing: () => (holds() && lease !== undefined ? { lease: name, token: lease.fencingToken } : undefined),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      if (lease?.leader === true) {
        try {
          await store.releaseLease({ name, holder, fencingToken: lease.fencingToken });
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
        }
      }
      lease = undefined;
      announce();
    },
  };
}
