import {
  AbortedError,
  AuthError,
  type Clock,
  ConflictError,
  decideRetry,
  defaultTriggerRetryPolicy,
  HttpError,
  type RetryPolicy,
  type SequenceClient,
  SequenceError,
} from "@seqd/core";
import { assertNever, type Firing, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import type { Alerter } from "./alerter.js";
import { type DispatchRule, ruleChanged } from "./dispatch-rules.js";
import { createFiringLedger, firingFields } from "./firing-ledger.js";
import { RESEND_WINDOW_MS } from "./idempotency-window.js";
import type { LeaderCheck } from "./leadership.js";
import { mayHaveExecuted } from "./may-have-executed.js";
import { requestStatusLabel } from "./request-status.js";
import { createRuleCircuit } from "./rule-circuit.js";
import type { StoreGuard } from "./store-guard.js";
import { createTaskTracker } from "./task-tracker.js";
import { sleep, type Timers } from "./timers.js";

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

/** Options of {@link createDispatcher}. */
export interface DispatcherOptions {
  client: SequenceClient;
  store: Store;
  guard: StoreGuard;
  alerter: Alerter;
  leadership: LeaderCheck;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
  /** Uniform in [0, 1): backoff jitter. */
  random: () => number;
  rules: ReadonlyMap<string, DispatchRule>;
  /** Record `dry-run` firings only; never call Sequence. */
  dryRun: boolean;
  /** Default `defaultTriggerRetryPolicy`. */
  retryPolicy?: RetryPolicy;
  /** 401s in a row that open a rule's circuit; default 2. */
  circuitThreshold?: number;
}

/** Sends claimed firings to Sequence, at most once per occurrence. */
export interface Dispatcher {
  /**
   * Queues a firing (status `claimed`, `sent` from recovery, or `dry-run`) behind earlier
   * firings of its rule and resolves when it has ended here. The same firing twice shares one run.
   */
  dispatch(firing: Firing): Promise<DispatchResult>;
  /** Applies reloaded rules; a rule whose URL or secret changed gets its circuit closed. */
  setRules(rules: ReadonlyMap<string, DispatchRule>): void;
  /** Closes a rule's 401 circuit (operator reset); true when it was open. */
  resetCircuit(ruleId: string): Promise<boolean>;
  /** Rules whose circuit is open. */
  openCircuits(): string[];
  /** Firings queued or in flight. */
  busy(): number;
  /** Whether this firing is queued or in flight here. */
  isActive(firingId: number): boolean;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  /**
   * Stops: no new attempt starts, backoff waits end at once (their firings stay `sent` for
   * recovery), requests in flight get `graceMs` (default 10 s) to answer before being aborted.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

interface Lane {
  tail: Promise<unknown>;
  lastAttemptMono: number | undefined;
}

const STOPPED = new Error("dispatcher stopped");

/**
 * The dispatcher: one FIFO lane per rule (firings of a rule are sent one after the other,
 * `minInterval` apart; rules do not wait for each other). For each firing: `sent` is written
 * BEFORE every request (so after a crash, `claimed` means "never sent"), the firing's
 * idempotency key is reused on every attempt, and:
 * - 2xx, or 409 (Sequence already has the key) → `accepted`;
 * - 429, 5xx, timeouts, resets → retried per `decideRetry` (honouring `Retry-After`) on the
 *   timers, then `failed` — or `ambiguous` when an attempt may have run the rule — with an alert;
 * - 400/403/404 → `failed` at once, alert; 401 too, and two in a row open the rule's circuit;
 * - a store write refused → nothing is sent (fail closed), the firing is left for recovery.
 *
 * @example
 * const dispatcher = createDispatcher({ client, store, guard, alerter, leadership, clock, timers, logger, metrics, random: Math.random, rules, dryRun: false });
 * const result = await dispatcher.dispatch(firing); // { status: "accepted", requestId: "…", … }
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { client, store, guard, alerter, leadership, clock, timers, logger, metrics, random } = options;
  const policy = options.retryPolicy ?? defaultTriggerRetryPolicy;
  const ledger = createFiringLedger(store, guard);
  const circuit = createRuleCircuit(options.circuitThreshold);
  const lanes = new Map<string, Lane>();
  const active = new Map<number, Promise<DispatchResult>>();
  const tasks = createTaskTracker();
  const waits = new AbortController();
  const requests = new AbortController();
  let rules = new Map(options.rules);
  let stopped = false;

  const left = (firing: Firing, reason: string): DispatchResult => {
    logger.warn(
      { ...firingFields(firing), event: "firing.left", reason },
      `firing left ${firing.status}: ${reason}`,
    );
    return { firingId: firing.id, status: "left", reason };
  };

  function laneOf(ruleId: string): Lane {
    let lane = lanes.get(ruleId);
    if (lane === undefined) {
      lane = { tail: Promise.resolve(), lastAttemptMono: undefined };
      lanes.set(ruleId, lane);
    }
    return lane;
  }

  async function keepSpacing(rule: DispatchRule, lane: Lane): Promise<void> {
    if (lane.lastAttemptMono === undefined) return;
    const wait = lane.lastAttemptMono + rule.minIntervalMs - clock.monotonicMs();
    if (wait > 0) await sleep(timers, wait, waits.signal);
  }

  async function accept(firing: Firing, attempts: number, requestId: string | undefined, conflict: boolean) {
    await ledger.countAttempt(firing);
    const moved = await ledger.finish(firing, ["sent"], {
      to: "accepted",
      ...(requestId === undefined ? {} : { requestId }),
      ...(conflict ? { reason: "409: Sequence already had this idempotency key" } : {}),
    });
    metrics.firings.inc({ trigger: firing.triggerId, outcome: "accepted" });
    const fields = { ...firingFields(firing), event: "firing.accepted", requestId, attempts, conflict };
    if (!moved)
      logger.warn(fields, "Sequence accepted the trigger, but the ledger had already closed this firing");
    else logger.info(fields, `trigger ${firing.triggerId} accepted by Sequence`);
    await alerter.resolve("firing_failed", firing.triggerId, `trigger ${firing.triggerId} fired again`);
    return { firingId: firing.id, status: "accepted", requestId, attempts, conflict } as const;
  }

  /** Ends a firing that will not (or no longer) be sent: failed, or ambiguous if Sequence may have run it. */
  async function end(
    firing: Firing,
    state: { status: "claimed" | "sent"; uncertain: boolean; attempts: number },
    reason: string,
    message: string,
    error?: SequenceError,
  ): Promise<DispatchResult> {
    const to = state.uncertain ? "ambiguous" : "failed";
    if (error !== undefined) await ledger.countAttempt(firing, { code: error.code, message: error.message });
    await ledger.finish(firing, [state.status], {
      to,
      reason,
      ...(error === undefined
        ? {}
        : { errorCode: error.sequenceCode ?? error.code, errorMessage: error.message }),
      ...(error?.requestId === undefined ? {} : { requestId: error.requestId }),
    });
    metrics.firings.inc({ trigger: firing.triggerId, outcome: to });
    const details = { ...firingFields(firing), reason, attempts: state.attempts };
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
    return { firingId: firing.id, status: to, reason, attempts: state.attempts };
  }

  async function fire(firing: Firing, lane: Lane): Promise<DispatchResult> {
    const state = {
      status: firing.status as "claimed" | "sent",
      // Sent by an earlier process: that attempt may have run the rule.
      uncertain: firing.status === "sent",
      attempts: 0,
    };
    let firstSentMs = state.status === "sent" ? (firing.sentAt ?? firing.createdAt).getTime() : undefined;
    const startedMono = clock.monotonicMs();
    try {
      for (;;) {
        if (stopped) return left(firing, "the dispatcher is stopping; recovery resumes it");
        if (!leadership.isLeader()) return left(firing, "this instance does not hold the dispatcher lease");
        const rule = rules.get(firing.ruleId);
        if (rule === undefined) {
          const why = `rule ${firing.ruleId} is not in the running config (or its secret is not resolved)`;
          return end(firing, state, "rule_unknown", `trigger ${firing.triggerId} not sent: ${why}`);
        }
        if (circuit.isOpen(rule.id)) {
          return end(
            firing,
            state,
            "circuit_open",
            `trigger ${firing.triggerId} not sent: rule ${rule.id}'s circuit is open after repeated 401s — fix rules.${rule.id}.secret and reload, or reset the circuit`,
          );
        }
        await keepSpacing(rule, lane);
        if (stopped) return left(firing, "the dispatcher is stopping; recovery resumes it");
        if (state.status === "claimed") {
          // Durable BEFORE the request: a crash from here on is "sent", never silently "never sent".
          if (!(await ledger.markSent(firing))) {
            return left(firing, "it is no longer claimed (another dispatcher took it, or it was decided)");
          }
          state.status = "sent";
          firstSentMs = clock.now().getTime();
        }
        lane.lastAttemptMono = clock.monotonicMs();
        state.attempts += 1;
        logger.info(
          { ...firingFields(firing), event: "firing.send", attempt: state.attempts },
          `triggering rule ${rule.id} for ${firing.triggerId}`,
        );
        let error: SequenceError;
        try {
          const result = await client.triggerRule({
            url: rule.url,
            secret: rule.secret,
            idempotencyKey: firing.idempotencyKey,
            signal: requests.signal,
          });
          metrics.sequenceRequests.inc({ op: "triggerRule", status: String(result.status) });
          circuit.recordAuthenticated(rule.id);
          return await accept(firing, state.attempts, result.requestId, false);
        } catch (caught) {
          if (!(caught instanceof SequenceError)) throw caught;
          error = caught;
        }
        metrics.sequenceRequests.inc({ op: "triggerRule", status: requestStatusLabel(error) });
        if (error instanceof ConflictError) {
          circuit.recordAuthenticated(rule.id);
          return await accept(firing, state.attempts, error.requestId, true);
        }
        if (error instanceof AbortedError) {
          return left(firing, "stopped with the request in flight; recovery resends it with the same key");
        }
        state.uncertain ||= mayHaveExecuted(error);
        if (error instanceof AuthError) {
          if (circuit.recordUnauthorized(rule.id)) await raiseCircuit(rule, error);
          return await end(
            firing,
            state,
            "unauthorized",
            `Sequence rejected the secret of rule ${rule.id} (401 ${error.sequenceCode ?? error.code}): fix rules.${rule.id}.secret`,
            error,
          );
        }
        if (error instanceof HttpError) circuit.recordAuthenticated(rule.id);
        const decision = decideRetry({
          error,
          attempt: state.attempts,
          startedAtMs: startedMono,
          nowMs: clock.monotonicMs(),
          policy,
          random,
        });
        if (!decision.retry) {
          const why = decision.reason === "not-retryable" ? "refused" : `gave up (${decision.reason})`;
          return await end(
            firing,
            state,
            decision.reason,
            `trigger ${firing.triggerId} ${why} after ${state.attempts} attempt(s): ${error.message}`,
            error,
          );
        }
        const nextAttemptAt = new Date(clock.now().getTime() + decision.delayMs);
        if (nextAttemptAt.getTime() > (firstSentMs ?? clock.now().getTime()) + RESEND_WINDOW_MS) {
          return await end(
            firing,
            state,
            "resend-window",
            `trigger ${firing.triggerId} not retried: Sequence may forget its idempotency key by then (${error.message})`,
            error,
          );
        }
        await ledger.countAttempt(firing, { code: error.code, message: error.message }, nextAttemptAt);
        logger.warn(
          {
            ...firingFields(firing),
            event: "firing.retry",
            attempt: state.attempts,
            delayMs: decision.delayMs,
            code: error.code,
            status: error.status,
          },
          `retrying ${firing.triggerId} at ${nextAttemptAt.toISOString()} with the same key: ${error.message}`,
        );
        await sleep(timers, decision.delayMs, waits.signal);
      }
    } catch (error) {
      if (error === STOPPED)
        return left(firing, "stopped while waiting; recovery resumes it with the same key");
      if (error instanceof StoreError) {
        return left(firing, `the store refused a write (${error.code}); nothing is sent until it recovers`);
      }
      throw error;
    }
  }

  async function raiseCircuit(rule: DispatchRule, error: AuthError): Promise<void> {
    await alerter.raise({
      kind: "rule_circuit_open",
      subject: rule.id,
      message: `rule ${rule.id}: Sequence rejected its secret ${circuitThresholdText()} in a row (401 ${error.sequenceCode ?? error.code}); its firings are recorded failed without calling Sequence until rules.${rule.id} changes (reload) or the circuit is reset`,
      details: { ruleId: rule.id },
    });
  }

  function circuitThresholdText(): string {
    const n = options.circuitThreshold ?? 2;
    return n === 1 ? "once" : `${n} times`;
  }

  function recordDryRun(firing: Firing): DispatchResult {
    metrics.firings.inc({ trigger: firing.triggerId, outcome: "dry-run" });
    const rule = rules.get(firing.ruleId);
    logger.info(
      {
        ...firingFields(firing),
        event: "firing.dry-run",
        url: rule === undefined ? undefined : safeUrl(rule.url),
      },
      `dry run: would trigger rule ${firing.ruleId} for ${firing.triggerId} (Sequence not called)`,
    );
    return { firingId: firing.id, status: "dry-run" };
  }

  function start(firing: Firing): Promise<DispatchResult> {
    switch (firing.status) {
      case "dry-run":
        return Promise.resolve(recordDryRun(firing));
      case "claimed":
      case "sent": {
        if (options.dryRun) return Promise.resolve(left(firing, "dry-run mode never calls Sequence"));
        const lane = laneOf(firing.ruleId);
        const run = lane.tail.then(() => fire(firing, lane));
        lane.tail = run.catch(() => undefined);
        return run.catch((error: unknown) => {
          logger.error({ ...firingFields(firing), event: "firing.crashed", err: error }, "dispatch crashed");
          return left(firing, "internal error (see the log); recovery retries it on the next start");
        });
      }
      case "accepted":
      case "failed":
      case "ambiguous":
      case "missed":
      case "skipped":
        return Promise.resolve(left(firing, `it is already ${firing.status}`));
      default:
        return assertNever(firing.status);
    }
  }

  return {
    dispatch(firing) {
      const running = active.get(firing.id);
      if (running !== undefined) return running;
      const result = start(firing).finally(() => active.delete(firing.id));
      active.set(firing.id, result);
      return tasks.track(result);
    },

    setRules(next) {
      for (const ruleId of circuit.open()) {
        const before = rules.get(ruleId);
        const after = next.get(ruleId);
        if (before !== undefined && after !== undefined && !ruleChanged(before, after)) continue;
        circuit.reset(ruleId);
        void tasks.track(
          alerter.resolve("rule_circuit_open", ruleId, `rule ${ruleId} changed: its circuit is closed again`),
        );
      }
      rules = new Map(next);
    },

    async resetCircuit(ruleId) {
      const wasOpen = circuit.reset(ruleId);
      if (wasOpen)
        await alerter.resolve("rule_circuit_open", ruleId, `rule ${ruleId}: circuit reset by an operator`);
      return wasOpen;
    },

    openCircuits: () => circuit.open(),
    busy: () => active.size,
    isActive: (firingId) => active.has(firingId),
    idle: () => tasks.idle(),

    async stop(stopOptions = {}) {
      stopped = true;
      waits.abort(STOPPED);
      const grace = timers.setTimeout(
        () => requests.abort(new Error("shutdown grace period over")),
        stopOptions.graceMs ?? 10_000,
      );
      await tasks.idle();
      timers.clearTimeout(grace);
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
