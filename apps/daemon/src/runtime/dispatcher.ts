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
import { type AttemptState, createFiringEndings, type DispatchResult } from "./firing-endings.js";
import { createFiringLedger, firingFields } from "./firing-ledger.js";
import { RESEND_WINDOW_MS } from "./idempotency-window.js";
import type { LeaderCheck } from "./leadership.js";
import { mayHaveExecuted } from "./may-have-executed.js";
import { requestStatusLabel } from "./request-status.js";
import { createRuleCircuit } from "./rule-circuit.js";
import { createRuleLanes } from "./rule-lanes.js";
import type { StoreGuard } from "./store-guard.js";
import { createTaskTracker } from "./task-tracker.js";
import { sleep, type Timers } from "./timers.js";

export type { DispatchResult } from "./firing-endings.js";

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

const STOPPED = new Error("dispatcher stopped");

/** A firing's progress in this process. */
interface FireState extends AttemptState {
  /** When Sequence first saw (or may have seen) the key: the resend window counts from here. */
  firstSentMs: number | undefined;
  /** Monotonic start of this dispatch: the retry policy's deadline counts from here. */
  startedMono: number;
}

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
  const endings = createFiringEndings({ store, guard, alerter, logger, metrics });
  const circuit = createRuleCircuit(options.circuitThreshold);
  const active = new Map<number, Promise<DispatchResult>>();
  const tasks = createTaskTracker();
  const waits = new AbortController();
  const requests = new AbortController();
  const lanes = createRuleLanes({ clock, timers, signal: waits.signal });
  let rules = new Map(options.rules);
  let stopped = false;

  /** Everything that must hold before a request may leave; ends with `sent` durable. */
  async function gate(firing: Firing, state: FireState): Promise<DispatchRule | DispatchResult> {
    const stopping = () => endings.left(firing, "the dispatcher is stopping; recovery resumes it");
    if (stopped) return stopping();
    if (!leadership.isLeader())
      return endings.left(firing, "this instance does not hold the dispatcher lease");
    const rule = rules.get(firing.ruleId);
    if (rule === undefined) {
      const why = `rule ${firing.ruleId} is not in the running config (or its secret is not resolved)`;
      return endings.ended(firing, state, "rule_unknown", `trigger ${firing.triggerId} not sent: ${why}`);
    }
    if (circuit.isOpen(rule.id)) {
      const why = `rule ${rule.id}'s circuit is open after repeated 401s — fix rules.${rule.id}.secret and reload, or reset the circuit`;
      return endings.ended(firing, state, "circuit_open", `trigger ${firing.triggerId} not sent: ${why}`);
    }
    await lanes.space(rule.id, rule.minIntervalMs);
    if (stopped) return stopping();
    if (state.status === "claimed") {
      // Durable BEFORE the request: from here on a crash leaves "sent", never a silent "never sent".
      if (!(await ledger.markSent(firing))) {
        return endings.left(
          firing,
          "it is no longer claimed (another dispatcher took it, or it was decided)",
        );
      }
      state.status = "sent";
      state.firstSentMs = clock.now().getTime();
    }
    return rule;
  }

  /** One request and what it means: an ending, or how long to wait before the next attempt. */
  async function attempt(
    firing: Firing,
    rule: DispatchRule,
    state: FireState,
  ): Promise<DispatchResult | { retryInMs: number }> {
    lanes.markRequest(rule.id);
    state.attempts += 1;
    logger.info(
      { ...firingFields(firing), event: "firing.send", attempt: state.attempts },
      `triggering rule ${rule.id} for ${firing.triggerId}`,
    );
    let error: SequenceError;
    try {
      const input = { url: rule.url, secret: rule.secret, idempotencyKey: firing.idempotencyKey };
      const result = await client.triggerRule({ ...input, signal: requests.signal });
      metrics.sequenceRequests.inc({ op: "triggerRule", status: String(result.status) });
      circuit.recordAuthenticated(rule.id);
      return await endings.accepted(firing, state.attempts, result.requestId, false);
    } catch (caught) {
      if (!(caught instanceof SequenceError)) throw caught;
      error = caught;
    }
    metrics.sequenceRequests.inc({ op: "triggerRule", status: requestStatusLabel(error) });
    if (error instanceof ConflictError) {
      circuit.recordAuthenticated(rule.id);
      return endings.accepted(firing, state.attempts, error.requestId, true);
    }
    if (error instanceof AbortedError) {
      return endings.left(
        firing,
        "stopped with the request in flight; recovery resends it with the same key",
      );
    }
    state.uncertain ||= mayHaveExecuted(error);
    if (error instanceof AuthError) {
      if (circuit.recordUnauthorized(rule.id)) await raiseCircuit(rule, error);
      const code = error.sequenceCode ?? error.code;
      const message = `Sequence rejected the secret of rule ${rule.id} (401 ${code}): fix rules.${rule.id}.secret`;
      return endings.ended(firing, state, "unauthorized", message, error);
    }
    if (error instanceof HttpError) circuit.recordAuthenticated(rule.id);
    const decision = decideRetry({
      error,
      attempt: state.attempts,
      startedAtMs: state.startedMono,
      nowMs: clock.monotonicMs(),
      policy,
      random,
    });
    if (!decision.retry) {
      const why = decision.reason === "not-retryable" ? "refused" : `gave up (${decision.reason})`;
      const message = `trigger ${firing.triggerId} ${why} after ${state.attempts} attempt(s): ${error.message}`;
      return endings.ended(firing, state, decision.reason, message, error);
    }
    const nextAttemptAt = new Date(clock.now().getTime() + decision.delayMs);
    if (nextAttemptAt.getTime() > (state.firstSentMs ?? clock.now().getTime()) + RESEND_WINDOW_MS) {
      const message = `trigger ${firing.triggerId} not retried: Sequence may forget its idempotency key by then (${error.message})`;
      return endings.ended(firing, state, "resend-window", message, error);
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
    return { retryInMs: decision.delayMs };
  }

  async function fire(firing: Firing): Promise<DispatchResult> {
    const state: FireState = {
      status: firing.status === "sent" ? "sent" : "claimed",
      // Sent by an earlier process: that attempt may have run the rule.
      uncertain: firing.status === "sent",
      attempts: 0,
      firstSentMs: firing.status === "sent" ? (firing.sentAt ?? firing.createdAt).getTime() : undefined,
      startedMono: clock.monotonicMs(),
    };
    try {
      for (;;) {
        const rule = await gate(firing, state);
        if ("status" in rule) return rule;
        const outcome = await attempt(firing, rule, state);
        if ("status" in outcome) return outcome;
        await sleep(timers, outcome.retryInMs, waits.signal);
      }
    } catch (error) {
      if (error === STOPPED)
        return endings.left(firing, "stopped while waiting; recovery resumes it with the same key");
      if (error instanceof StoreError) {
        return endings.left(
          firing,
          `the store refused a write (${error.code}); nothing is sent until it recovers`,
        );
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

  function start(firing: Firing): Promise<DispatchResult> {
    switch (firing.status) {
      case "dry-run":
        return Promise.resolve(endings.dryRun(firing, rules.get(firing.ruleId)?.url));
      case "claimed":
      case "sent": {
        if (options.dryRun) return Promise.resolve(endings.left(firing, "dry-run mode never calls Sequence"));
        return lanes
          .run(firing.ruleId, () => fire(firing))
          .catch((error: unknown) => {
            logger.error(
              { ...firingFields(firing), event: "firing.crashed", err: error },
              "dispatch crashed",
            );
            return endings.left(
              firing,
              "internal error (see the log); recovery retries it on the next start",
            );
          });
      }
      case "accepted":
      case "failed":
      case "ambiguous":
      case "missed":
      case "skipped":
        return Promise.resolve(endings.left(firing, `it is already ${firing.status}`));
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
      // A changed (or removed) rule starts afresh: its 401 count and its circuit are cleared.
      for (const [ruleId, before] of rules) {
        const after = next.get(ruleId);
        if (after !== undefined && !ruleChanged(before, after)) continue;
        if (!circuit.reset(ruleId)) continue;
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
