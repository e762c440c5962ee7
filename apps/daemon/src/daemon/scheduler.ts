import type { Clock } from "@seqd/core";
import {
  type DecisionRecord,
  type EngineEvent,
  type EvaluateResult,
  evaluate,
  type FiringIntent,
  nextOccurrences,
  type Runtime,
  type StoredTriggerState,
} from "@seqd/rules-engine";
import type { ClaimFiringInput, ClaimResult, Store } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import type { Alerter } from "../runtime/alerter.js";
import type { BalanceBook } from "../runtime/balance-book.js";
import type { Dispatcher } from "../runtime/dispatcher.js";
import type { Leadership } from "../runtime/leadership.js";
import type { StoreGuard } from "../runtime/store-guard.js";
import { createTaskTracker } from "../runtime/task-tracker.js";
import type { TimerHandle, Timers } from "../runtime/timers.js";

/** The longest the loop sleeps between evaluations (design §4: tick ≤ 30 s). */
export const MAX_TICK_MS = 30_000;
/** Rolling window of the `maxPerDay` guard. */
const DAY_MS = 86_400_000;

/** What the loop evaluates: the running config's runtime and hash. */
export interface SchedulerConfig {
  runtime: Runtime;
  configHash: string;
}

export interface SchedulerOptions {
  store: Store;
  guard: StoreGuard;
  leadership: Leadership;
  dispatcher: Dispatcher;
  alerter: Alerter;
  book: BalanceBook;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
  /** Read at every tick, so a reload takes effect at the next one. */
  current: () => SchedulerConfig;
  /** Claim `dry-run` firings instead of `claimed` ones. */
  dryRun: boolean;
}

/** What one tick did, for logs and tests. */
export interface TickReport {
  status: "evaluated" | "not_leader" | "store_unhealthy" | "commit_failed" | "stopped";
  claimed: number;
  decided: number;
}

/** The scheduler loop: evaluate, claim durably, then dispatch. */
export interface Scheduler {
  /** Evaluates now, then on the timers (at the next due occurrence, at most 30 s apart). */
  start(): void;
  /** One evaluation now, after any in progress (ticks never overlap). */
  tick(): Promise<TickReport>;
  /** When the last evaluation completed. */
  lastEvaluatedAt(): Date | undefined;
  /** Resolves when no tick is running. */
  idle(): Promise<void>;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * The daemon's loop around the pure engine. Each tick: read the trigger states (the previous
 * tick's result while the runtime is the same, else the store), count recent fires for
 * `maxPerDay`, `evaluate`, then commit each changed trigger's state WITH its claims in one
 * transaction — only then hand the claimed firings to the dispatcher. A commit the store refuses
 * drops the tick's result: the next tick starts again from what the store holds, so a
 * decision is never acted on unless it is durable, and never lost.
 *
 * @example
 * const scheduler = createScheduler({ store, guard, leadership, dispatcher, alerter, book, clock, timers, logger, metrics, current, dryRun: false });
 * scheduler.start();
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, guard, leadership, dispatcher, alerter, book, clock, timers, logger, metrics } = options;
  const tasks = createTaskTracker();
  let previous: EvaluateResult | undefined;
  let running: Promise<TickReport> | undefined;
  let again = false;
  let timer: TimerHandle | undefined;
  let stopped = false;
  let lastEvaluated: Date | undefined;

  async function storedStates(runtime: Runtime): Promise<ReadonlyMap<string, StoredTriggerState>> {
    if (previous !== undefined && previous.states.runtime === runtime) return previous.states;
    const rows = await store.getTriggerStates();
    const states = new Map<string, StoredTriggerState>();
    for (const [id, row] of rows) {
      states.set(id, { definitionHash: row.definitionHash, state: row.state, cursor: row.cursor });
    }
    return states;
  }

  async function firedLast24h(runtime: Runtime, now: Date): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const since = new Date(now.getTime() - DAY_MS);
    for (const trigger of runtime.triggers) {
      if (trigger.maxPerDay !== undefined) counts.set(trigger.id, await store.countFired(trigger.id, since));
    }
    return counts;
  }

  function claimsByTrigger(result: EvaluateResult, configHash: string): Map<string, ClaimFiringInput[]> {
    const claims = new Map<string, ClaimFiringInput[]>();
    const add = (triggerId: string, claim: ClaimFiringInput) => {
      const list = claims.get(triggerId);
      if (list === undefined) claims.set(triggerId, [claim]);
      else list.push(claim);
    };
    const status = options.dryRun ? "dry-run" : "claimed";
    for (const intent of result.intents) add(intent.triggerId, { ...identity(intent), configHash, status });
    for (const decision of result.decisions) {
      add(decision.triggerId, {
        ...identity(decision),
        configHash,
        status: decision.status,
        reason: decision.reason,
      });
    }
    for (const id of result.changed) if (!claims.has(id)) claims.set(id, []);
    return claims;
  }

  /** Commits every changed trigger; false when the store refused one (the tick is dropped). */
  async function commit(result: EvaluateResult, configHash: string): Promise<ClaimResult[] | undefined> {
    const fencing = leadership.fencing();
    const committed: ClaimResult[] = [];
    for (const [triggerId, claims] of claimsByTrigger(result, configHash)) {
      const record = result.states.get(triggerId);
      if (record === undefined) continue;
      try {
        const results = await guard.write("commit evaluation", () =>
          store.commitEvaluation({
            triggerId,
            definitionHash: record.definitionHash,
            state: record.state,
            ...("cursor" in record ? { cursor: record.cursor } : {}),
            claims,
            ...(fencing === undefined ? {} : { fencing }),
          }),
        );
        committed.push(...results);
      } catch (error) {
        logger.error(
          { event: "evaluation.commit_failed", triggerId, err: error },
          `could not record trigger ${triggerId}'s decisions: nothing of this evaluation fires; the next one retries from the store`,
        );
        // What was committed before the failure is durable: dispatch it (recovery would anyway).
        dispatchClaimed(committed);
        return undefined;
      }
    }
    return committed;
  }

  function dispatchClaimed(results: readonly ClaimResult[]): number {
    let count = 0;
    for (const result of results) {
      if (!result.claimed) {
        logger.debug(
          {
            event: "firing.already_claimed",
            triggerId: result.existing.triggerId,
            occurrence: result.existing.occurrence,
          },
          "occurrence already in the ledger; not fired again",
        );
        continue;
      }
      const { firing } = result;
      if (firing.status !== "claimed" && firing.status !== "dry-run") continue;
      count += 1;
      logger.info(
        {
          event: "firing.claimed",
          triggerId: firing.triggerId,
          ruleId: firing.ruleId,
          occurrence: firing.occurrence,
          idempotencyKey: firing.idempotencyKey,
          configHash: firing.configHash,
          dryRun: firing.status === "dry-run",
        },
        `trigger ${firing.triggerId} fires rule ${firing.ruleId} (occurrence ${firing.occurrence})`,
      );
      // Not awaited: the dispatcher serializes per rule; its outcome is logged and alerted there.
      dispatcher.dispatch(firing).catch((error: unknown) => {
        logger.error(
          { event: "firing.dispatch_crashed", firingId: firing.id, err: error },
          "dispatch crashed",
        );
      });
    }
    return count;
  }

  async function recordDecisions(result: EvaluateResult, committed: readonly ClaimResult[]): Promise<void> {
    const fresh = new Set(committed.flatMap((entry) => (entry.claimed ? [entry.firing.idempotencyKey] : [])));
    for (const decision of result.decisions) {
      if (!fresh.has(decision.idempotencyKey)) continue;
      await recordDecision(decision);
    }
  }

  async function recordDecision(decision: DecisionRecord): Promise<void> {
    const trigger = options.current().runtime.triggerById.get(decision.triggerId);
    metrics.firings.inc({ trigger: decision.triggerId, outcome: decision.status });
    if (decision.status === "missed") {
      const policy = trigger?.kind === "schedule" ? trigger.catchUp.policy : "none";
      metrics.missedOccurrences.inc({ trigger: decision.triggerId, policy }, decision.summary?.count ?? 1);
    }
    const facts = {
      triggerId: decision.triggerId,
      ruleId: decision.ruleId,
      occurrence: decision.occurrence,
      idempotencyKey: decision.idempotencyKey,
      reason: decision.reason,
    };
    const message = `trigger ${decision.triggerId} ${decision.status} (${decision.occurrence}): ${decision.detail}`;
    if (!decision.alert) {
      logger.info({ event: `firing.${decision.status}`, ...facts }, message);
      return;
    }
    await alerter.raise({
      kind: decision.status === "missed" ? "occurrence_missed" : "firing_skipped",
      subject: `${decision.triggerId}:${decision.occurrence}`,
      message,
      details: facts,
    });
  }

  function logEvent(event: EngineEvent): void {
    switch (event.type) {
      case "threshold":
        logger.info(
          { event: `threshold.${event.event.type}`, triggerId: event.triggerId, detail: event.event },
          `threshold ${event.triggerId}: ${event.event.type}`,
        );
        return;
      case "schedule_started":
        logger.info(
          { event: "schedule.started", triggerId: event.triggerId, cursor: event.cursor.toISOString() },
          `schedule ${event.triggerId} starts counting from ${event.cursor.toISOString()}`,
        );
        return;
      case "state_reset":
        logger.warn(
          { event: "trigger.state_reset", triggerId: event.triggerId, cause: event.cause },
          `trigger ${event.triggerId}: state reset (${event.detail})`,
        );
        return;
      case "catch_up_paused":
        logger.warn(
          {
            event: "schedule.catch_up_paused",
            triggerId: event.triggerId,
            cursor: event.cursor.toISOString(),
          },
          `schedule ${event.triggerId}: ${event.detail}`,
        );
        return;
    }
  }

  async function evaluateOnce(): Promise<TickReport> {
    if (stopped) return { status: "stopped", claimed: 0, decided: 0 };
    if (!leadership.isLeader()) {
      previous = undefined;
      return { status: "not_leader", claimed: 0, decided: 0 };
    }
    if (!guard.healthy()) {
      previous = undefined;
      return { status: "store_unhealthy", claimed: 0, decided: 0 };
    }
    const { runtime, configHash } = options.current();
    let result: EvaluateResult;
    try {
      const states = await storedStates(runtime);
      const now = clock.now();
      const counts = await firedLast24h(runtime, now);
      result = evaluate({ runtime, states, balances: book.readings(), now, firedLast24h: counts });
    } catch (error) {
      previous = undefined;
      logger.error(
        { event: "evaluation.failed", err: error },
        "evaluation could not read the store; retrying at the next tick",
      );
      return { status: "commit_failed", claimed: 0, decided: 0 };
    }
    const committed = await commit(result, configHash);
    if (committed === undefined) {
      previous = undefined;
      return { status: "commit_failed", claimed: 0, decided: 0 };
    }
    previous = result;
    lastEvaluated = result.states.now;
    for (const event of result.events) logEvent(event);
    const claimed = dispatchClaimed(committed);
    await recordDecisions(result, committed);
    return { status: "evaluated", claimed, decided: result.decisions.length };
  }

  /** Until the next occurrence of any schedule, at most {@link MAX_TICK_MS}. */
  function nextDelay(): number {
    const now = clock.now();
    let delay = MAX_TICK_MS;
    for (const trigger of options.current().runtime.triggers) {
      if (trigger.kind !== "schedule") continue;
      const [next] = nextOccurrences(trigger.schedule, now, 1);
      if (next !== undefined) delay = Math.min(delay, next.utc.getTime() - now.getTime());
    }
    return Math.max(delay, 0);
  }

  function arm(): void {
    if (stopped) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void scheduler.tick().finally(arm);
    }, nextDelay());
  }

  const scheduler: Scheduler = {
    start() {
      void scheduler.tick().finally(arm);
    },
    tick() {
      if (running !== undefined) {
        again = true;
        return running;
      }
      const run = async (): Promise<TickReport> => {
        let outcome: TickReport;
        do {
          again = false;
          outcome = await evaluateOnce().catch((error: unknown) => {
            previous = undefined;
            logger.error(
              { event: "evaluation.crashed", err: error },
              "evaluation crashed; retrying at the next tick",
            );
            return { status: "commit_failed", claimed: 0, decided: 0 } as TickReport;
          });
        } while (again && !stopped);
        return outcome;
      };
      running = tasks.track(run()).finally(() => {
        running = undefined;
      });
      return running;
    },
    lastEvaluatedAt: () => lastEvaluated,
    idle: () => tasks.idle(),
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      await tasks.idle();
    },
  };
  return scheduler;
}

function identity(entry: FiringIntent | DecisionRecord) {
  return {
    triggerId: entry.triggerId,
    ruleId: entry.ruleId,
    occurrence: entry.occurrence,
    idempotencyKey: entry.idempotencyKey,
  };
}
