import { randomUUID } from "node:crypto";
import { type Cents, type Clock, systemClock } from "@seqd/core";
import { Hono } from "hono";
import { createDriftSchedule, driftedBalance } from "./engine/drift.js";
import { createExecutor, type Execution, type Transfer } from "./engine/executor.js";
import { type ActiveFault, createFaultRegistry } from "./engine/faults.js";
import { createIdempotencyStore } from "./engine/idempotency.js";
import { createLedger } from "./engine/ledger.js";
import { createRateLimiter } from "./engine/rate-limit.js";
import type { StateIssue } from "./errors.js";
import { StateError } from "./errors.js";
import { createEventLog, type DriftEvent, type EventFilter, type SimEvent } from "./events.js";
import { registerAccountsRoute } from "./http/accounts.js";
import { registerControlRoutes } from "./http/control.js";
import { registerFallbacks } from "./http/fallbacks.js";
import { registerTriggerRoutes } from "./http/trigger.js";
import type { Runtime } from "./runtime.js";
import { buildSnapshot, type SimSnapshot } from "./snapshot.js";
import { checkBalanceChanges, checkFaultInputs } from "./state/control-input.js";
import type { FaultInput, StateInput } from "./state/input.js";
import { checkState, toState } from "./state/load.js";
import type { SimState } from "./state/types.js";

export interface SimulatorOptions {
  /** A validated state or a state object as in a state file; default: empty. */
  state?: SimState | StateInput;
  /** Timestamps, rate-limit windows and idempotency retention; default: the system clock. */
  clock?: Clock;
  /** How many events, executions and transfers to keep (oldest dropped first); default 10 000. */
  eventCap?: number;
  /** Request, execution and transfer ids; default: random UUIDs. */
  newId?: () => string;
  /** How latency faults wait; default: a real timer. Tests pass a controllable one. */
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called for every event (the CLI prints them). */
  onEvent?: (event: SimEvent) => void;
}

export type ChangeResult = { ok: true } | { ok: false; issues: StateIssue[] };

/** A simulated Sequence legacy API plus the handles tests need to inspect and steer it. */
export interface Simulator {
  /** The Hono app: serve it, or call `app.request()` in-process. */
  readonly app: Hono;
  readonly clock: Clock;
  events(filter?: EventFilter): SimEvent[];
  onEvent(listener: (event: SimEvent) => void): () => void;
  /** Resolves when every accepted trigger has finished running its rule. */
  settled(): Promise<void>;
  snapshot(): SimSnapshot;
  balances(): Record<string, Cents>;
  /** `{ "<id>": "$12.50" | cents | { balance?, unavailable? } }`; all-or-nothing. */
  setBalances(changes: Record<string, unknown>): ChangeResult;
  /** Adds one fault; throws StateError when it is invalid. */
  addFault(input: FaultInput): ActiveFault;
  addFaults(
    inputs: readonly unknown[],
  ): { ok: true; faults: ActiveFault[] } | { ok: false; issues: StateIssue[] };
  removeFault(id: string): boolean;
  /** Removes every fault; returns how many there were. */
  clearFaults(): number;
  faults(): ActiveFault[];
  executions(): Execution[];
  transfers(): Transfer[];
  /** Applies scripted drift that fell due by now (the server wrapper calls this on a timer). */
  tick(): DriftEvent[];
  /**
   * Waits for running rules, then restores the initial state, or loads `state` (which
   * becomes the new initial state). Balances, events, executions, keys, limits and
   * faults start afresh; event `seq` numbers keep counting.
   */
  reset(state?: unknown): Promise<ChangeResult>;
  /** Stops waiting on remote calls and latency faults. */
  close(): void;
}

/**
 * Builds a simulator around a state. Nothing listens yet: see `startSimulator`.
 *
 * @example
 * const sim = createSimulator({ state: { rules: [{ id: "ru_1", secret: "s" }] }, clock: createFakeClock() });
 * const res = await sim.app.request("/rules/ru_1/trigger", { method: "POST", headers: { "x-sequence-signature": "Bearer s" } });
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = options.clock ?? systemClock;
  const closing = new AbortController();
  const newId = options.newId ?? randomUUID;
  const delay = options.delay ?? realDelay;
  const cap = options.eventCap ?? 10_000;
  const events = createEventLog({ clock, cap });
  if (options.onEvent) events.subscribe(options.onEvent);
  let initial = toState(options.state);

  const fresh = (state: SimState): Omit<Runtime, "clock" | "events" | "executor" | "newId" | "delay"> => {
    const faults = createFaultRegistry(state.seed);
    for (const spec of state.faults) faults.add(spec);
    return {
      state,
      ledger: createLedger(state.accounts),
      idempotency: createIdempotencyStore(state.idempotency),
      limiter: createRateLimiter(),
      faults,
      drift: createDriftSchedule(state.drift, clock.now().getTime()),
    };
  };
  const runtime: Runtime = {
    clock,
    events,
    newId,
    delay: (ms) => delay(ms, closing.signal),
    executor: createExecutor({
      ledger: () => runtime.ledger,
      events,
      clock,
      newId,
      signal: closing.signal,
      cap,
    }),
    ...fresh(initial),
  };

  const app = new Hono();
  const sim: Simulator = {
    app,
    clock,
    events: (filter) => events.list(filter),
    onEvent: (listener) => events.subscribe(listener),
    settled: () => runtime.executor.settled(),
    snapshot: () => buildSnapshot(runtime),
    balances: () => Object.fromEntries(runtime.ledger.list().map((a) => [a.id, a.balance])),
    setBalances(changes) {
      const checked = checkBalanceChanges(changes, runtime.ledger);
      if (!checked.ok) return checked;
      for (const change of checked.changes) {
        if (change.balance !== undefined) runtime.ledger.setBalance(change.id, change.balance);
        if (change.unavailable !== undefined) runtime.ledger.setUnavailable(change.id, change.unavailable);
      }
      events.record({
        type: "control",
        action: "balances",
        detail: checked.changes.map((c) => c.id).join(", "),
      });
      return { ok: true };
    },
    addFault(input) {
      const result = sim.addFaults([input]);
      if (!result.ok) throw new StateError(result.issues);
      return result.faults[0]!;
    },
    addFaults(inputs) {
      const checked = checkFaultInputs(inputs, runtime.state);
      if (!checked.ok) return checked;
      const added = checked.specs.map((spec) => runtime.faults.add(spec));
      events.record({
        type: "control",
        action: "faults",
        detail: `added ${added.map((f) => `${f.id} ${f.kind}`).join(", ")}`,
      });
      return { ok: true, faults: added.map((fault) => ({ ...fault })) };
    },
    removeFault(id) {
      const removed = runtime.faults.remove(id);
      if (removed) events.record({ type: "control", action: "faults", detail: `removed ${id}` });
      return removed;
    },
    clearFaults() {
      const count = runtime.faults.list().length;
      runtime.faults.clear();
      events.record({ type: "control", action: "faults", detail: `cleared ${count}` });
      return count;
    },
    faults: () => runtime.faults.list(),
    executions: () => runtime.executor.executions(),
    transfers: () => runtime.executor.transfers(),
    tick() {
      return runtime.drift.due(clock.now().getTime()).map((step) => {
        const account = runtime.ledger.get(step.entry.account)!;
        const balance = driftedBalance(account.balance, step);
        runtime.ledger.setBalance(account.id, balance);
        return events.record({
          type: "drift",
          account: account.id,
          byInCents: balance - account.balance,
          steps: step.steps,
          balanceInCents: balance,
        });
      });
    },
    async reset(state) {
      let next = initial;
      if (state !== undefined) {
        const result = checkState(state);
        if (!result.ok) return result;
        next = result.state;
      }
      await runtime.executor.settled();
      initial = next;
      Object.assign(runtime, fresh(next));
      runtime.executor.clear();
      events.clear();
      events.record({
        type: "control",
        action: "reset",
        detail: state === undefined ? "initial state" : "new state",
      });
      return { ok: true };
    },
    close: () => closing.abort(),
  };

  registerAccountsRoute(app, runtime);
  registerTriggerRoutes(app, runtime);
  registerControlRoutes(app, sim);
  registerFallbacks(app, events);
  return sim;
}

function realDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
