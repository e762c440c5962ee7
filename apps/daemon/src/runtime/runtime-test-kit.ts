import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createFakeClock,
  createSequenceClient,
  type FakeClock,
  Secret,
  type SequenceClient,
  type Timeouts,
} from "@seqd/core";
import { type RunningSimulator, type SimEvent, type StateInput, startSimulator } from "@seqd/simulator";
import { type ClaimFiringInput, type Firing, openStore, type SqliteOptions, type Store } from "@seqd/store";
import { createLogger, type Logger } from "../observability/logger.js";
import { createMetrics, type Metrics } from "../observability/metrics.js";
import type { AlertWebhook } from "./alert-webhook.js";
import { type Alerter, createAlerter } from "./alerter.js";
import type { DispatchRule } from "./dispatch-rules.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "./dispatcher.js";
import { createFakeTimers, driveTimersUntil, type FakeTimers } from "./fake-timers.js";
import { createStoreGuard, type StoreGuard } from "./store-guard.js";

// Test-only helpers shared by the runtime tests: a fake clock and timers, a real SQLite file
// in a temp dir, a real simulator on loopback, captured logs, and a way to run everything
// until a promise settles without sleeping.

/** Sequence as the runtime tests know it: two accounts, two rules, one token. */
export const SIM_STATE: StateInput = {
  accounts: [
    { id: "5579244", name: "Checking", type: "Account", balance: "$2_500.00" },
    { id: "5579245", name: "Savings Pod", type: "Pod", balance: "$10_000.00" },
  ],
  tokens: [{ token: "access-tok-1" }],
  rules: [
    {
      id: "ru_sweep",
      secret: "rule-secret-sweep",
      actions: [{ transfer: { from: "5579244", to: "5579245", amount: { fixed: "$25" } } }],
    },
    {
      id: "ru_topup",
      secret: "rule-secret-topup",
      actions: [{ transfer: { from: "5579245", to: "5579244", amount: { fixed: "$10" } } }],
    },
  ],
};

/** A client that counts calls in flight, so tests know when only timers are left. */
export interface CountingClient extends SequenceClient {
  inFlight(): number;
}

export function countingClient(inner: SequenceClient): CountingClient {
  let inFlight = 0;
  const counted =
    <A, R>(fn: (input: A) => Promise<R>) =>
    async (input: A): Promise<R> => {
      inFlight += 1;
      try {
        return await fn(input);
      } finally {
        inFlight -= 1;
      }
    };
  return {
    triggerRule: counted((input) => inner.triggerRule(input)),
    listAccounts: counted((input) => inner.listAccounts(input)),
    close: () => inner.close(),
    inFlight: () => inFlight,
  };
}

/** Lets real I/O run until `condition` holds (bounded in real time, so a bug fails instead of hanging). */
export async function waitUntil(
  condition: () => boolean,
  what = "condition",
  limitMs = 10_000,
): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface Harness {
  clock: FakeClock;
  timers: FakeTimers;
  dir: string;
  storeUrl: string;
  store: Store;
  sim: RunningSimulator;
  client: CountingClient;
  logger: Logger;
  scrubber: ReturnType<typeof createLogger>["secrets"];
  metrics: Metrics;
  alerter: Alerter;
  guard: StoreGuard;
  /** Parsed log lines so far. */
  logs(): Record<string, unknown>[];
  logText(): string;
  /** Waits until no Sequence call is in flight and pending promise work has run. */
  settle(): Promise<void>;
  /** Runs timers (moving the fake clock) until `target` settles. */
  drive<T>(target: Promise<T>, maxSteps?: number): Promise<T>;
  /** Runs timers (moving the fake clock) until `condition` holds once everything has settled. */
  driveUntil(condition: () => boolean, maxSteps?: number): Promise<void>;
  /** Trigger events the simulator saw, oldest first. */
  triggers(): Extract<SimEvent, { type: "trigger" }>[];
  /** Claims a firing in the harness store. */
  claim(input: Partial<ClaimFiringInput> & { triggerId: string; ruleId: string }): Promise<Firing>;
  /** Reopens the store on the same file (after a simulated crash). */
  reopenStore(): Promise<Store>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  state?: StateInput;
  start?: string;
  timeouts?: Partial<Timeouts>;
  webhook?: AlertWebhook;
  repeatEveryMs?: number;
  /** Where the SQLite file goes (a tmpfs or a bind mount the test controls); default a fresh temp dir. */
  storeDir?: string;
  sqlite?: SqliteOptions;
  /** The simulator's wait for latency faults; default: never ends until the simulator stops. */
  simDelay?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Builds a harness; call `close()` in `afterEach`. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = createFakeClock(options.start ?? "2026-03-02T14:00:00Z");
  const timers = createFakeTimers(clock);
  const dir = await mkdtemp(join(tmpdir(), "seqd-runtime-"));
  const storeUrl = `sqlite:${join(options.storeDir ?? dir, "seqd.db")}`;
  const storeOptions = { clock, ...(options.sqlite === undefined ? {} : { sqlite: options.sqlite }) };
  let store = await openStore(storeUrl, storeOptions);
  const sim = await startSimulator({
    state: options.state ?? SIM_STATE,
    clock,
    driftCheckMs: 3_600_000,
    delay: options.simDelay ?? stallUntilAborted,
  });
  const client = countingClient(
    createSequenceClient({ baseUrl: sim.url, clock, timeouts: options.timeouts ?? {} }),
  );
  let text = "";
  const { logger, secrets: scrubber } = createLogger({
    destination: { write: (line: string) => (text += line) },
    pretty: false,
    clock,
    level: "debug",
  });
  const metrics = createMetrics({ processMetrics: false });
  const alerter = createAlerter({
    store,
    clock,
    timers,
    logger,
    metrics,
    webhook: options.webhook,
    repeatEveryMs: options.repeatEveryMs ?? 3_600_000,
  });
  const guard = createStoreGuard({ store, alerter, timers, logger, metrics });

  const settle = async () => {
    await waitUntil(() => client.inFlight() === 0, "Sequence calls to finish");
    // Store writes and logging after a response run as promise jobs: give them a few turns.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (client.inFlight() > 0) await settle();
  };

  let claims = 0;
  const harness: Harness = {
    clock,
    timers,
    dir,
    storeUrl,
    get store() {
      return store;
    },
    sim,
    client,
    logger,
    scrubber,
    metrics,
    alerter,
    guard,
    logs: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    logText: () => text,
    settle,
    async drive(target, maxSteps = 500) {
      let done = false;
      const watched = target.finally(() => {
        done = true;
      });
      watched.catch(() => undefined);
      for (let step = 0; step < maxSteps; step++) {
        await settle();
        if (done) return watched;
        if (!timers.runNext()) {
          await settle();
          if (done) return watched;
          throw new Error("drive: nothing is scheduled and the target has not settled");
        }
      }
      throw new Error(`drive: target not settled after ${maxSteps} timer steps`);
    },
    driveUntil: (condition, maxSteps = 500) => driveTimersUntil(timers, settle, condition, maxSteps),
    triggers: () =>
      sim.events({ type: "trigger" }).filter((event): event is Extract<SimEvent, { type: "trigger" }> => {
        return event.type === "trigger";
      }),
    async claim(input) {
      claims += 1;
      const result = await store.claimFiring({
        occurrence: input.occurrence ?? `${clock.now().toISOString()}#${claims}`,
        idempotencyKey:
          input.idempotencyKey ??
          `${input.triggerId}-${clock.monotonicMs()}-${Math.random().toString(36).slice(2, 8)}`.slice(0, 36),
        configHash: input.configHash ?? "cfg0",
        ...input,
      });
      if (!result.claimed) throw new Error(`claim refused: ${result.conflict}`);
      return result.firing;
    },
    async reopenStore() {
      await store.close();
      store = await openStore(storeUrl, storeOptions);
      return store;
    },
    async close() {
      await client.close();
      await sim.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

function stallUntilAborted(_ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** The value of one labelled counter or gauge. */
export async function metricValue(
  metric: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  const match = values.find((value) =>
    Object.entries(labels).every(([name, wanted]) => String(value.labels[name]) === wanted),
  );
  return match?.value ?? 0;
}

/** Per-rule changes for {@link testRules}. */
export type RuleOverrides = Partial<Record<"sweep" | "topup", Partial<DispatchRule>>>;

/** The simulator's two rules as the dispatcher knows them (right URLs and secrets, no spacing). */
export function testRules(h: Harness, overrides: RuleOverrides = {}): Map<string, DispatchRule> {
  const rule = (id: "sweep" | "topup"): DispatchRule => ({
    id,
    url: `${h.sim.url}/remote-api/rules/ru_${id}/trigger`,
    secret: new Secret(`rule-secret-${id}`),
    minIntervalMs: 0,
    ...overrides[id],
  });
  return new Map([
    ["sweep", rule("sweep")],
    ["topup", rule("topup")],
  ]);
}

/** A dispatcher on the harness: always the leader, deterministic jitter (random() = 0.5). */
export function testDispatcher(h: Harness, overrides: Partial<DispatcherOptions> = {}): Dispatcher {
  return createDispatcher({
    client: h.client,
    store: h.store,
    guard: h.guard,
    alerter: h.alerter,
    leadership: { isLeader: () => true },
    clock: h.clock,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
    random: () => 0.5,
    rules: testRules(h),
    dryRun: false,
    ...overrides,
  });
}
