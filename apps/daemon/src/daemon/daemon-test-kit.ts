import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeClock, type FakeClock } from "@seqd/core";
import { type RunningSimulator, type SimEvent, type StateInput, startSimulator } from "@seqd/simulator";
import { type Firing, openStore } from "@seqd/store";
import { createLogger, type Logger } from "../observability/logger.js";
import { createMetrics, type Metrics } from "../observability/metrics.js";
import { createFakeTimers, driveTimersUntil, type FakeTimers } from "../runtime/fake-timers.js";
import { SIM_STATE } from "../runtime/runtime-test-kit.js";
import { type Daemon, type DaemonOptions, type StartDaemonResult, startDaemon } from "./daemon.js";

// Test-only: a whole daemon on a fake clock and fake timers, against a real simulator on
// loopback and a real SQLite file, driven timer by timer without sleeping.

/** Secrets of the simulator's state, as the test configs name them. */
export const TEST_ENV = {
  SEQUENCE_ACCESS_TOKEN: "access-tok-1",
  SWEEP_SECRET: "rule-secret-sweep",
  TOPUP_SECRET: "rule-secret-topup",
  AMOUNT_TOKEN: "amount-token-distinctive-7f3a",
};

/** The config head every test config shares: the simulator, its accounts and rules. */
export function configHead(simUrl: string, storePath: string): string {
  return `version: 1
timezone: America/New_York
sequence:
  apiUrl: ${simUrl}
  accessToken: { env: SEQUENCE_ACCESS_TOKEN }
store: sqlite:${storePath}
server:
  listen: 127.0.0.1:0
accounts:
  checking: { id: "5579244" }
  savings: { id: "5579245" }
polling:
  every: 10s
  staleAfter: 40s
rules:
  sweep:
    url: ${simUrl}/remote-api/rules/ru_sweep/trigger
    secret: { env: SWEEP_SECRET }
  topup:
    url: ${simUrl}/remote-api/rules/ru_topup/trigger
    secret: { env: TOPUP_SECRET }
`;
}

export interface DaemonHarness {
  clock: FakeClock;
  timers: FakeTimers;
  sim: RunningSimulator;
  dir: string;
  configPath: string;
  storePath: string;
  metrics: Metrics;
  /** The logger the daemon writes to (captured). */
  logger: Logger;
  /** The running daemon (throws before `start`). */
  readonly daemon: Daemon;
  /** Writes the config's body (after {@link configHead}). */
  writeConfig(body: string): Promise<void>;
  start(overrides?: Partial<DaemonOptions>): Promise<StartDaemonResult>;
  /** Stops the daemon (as SIGTERM would). */
  stop(): Promise<void>;
  /** Runs timers (moving the fake clock) until `condition` holds once everything has settled. */
  driveUntil(condition: () => boolean, maxSteps?: number): Promise<void>;
  /** Runs timers until the clock reaches `at` (ISO) and everything has settled. */
  driveTo(at: string, maxSteps?: number): Promise<void>;
  /** Another daemon on the same clock and timers (an HA standby) whose work `settle` waits for. */
  alsoSettle(daemon: Daemon): void;
  /** Lets the daemon and the simulator finish what they are doing. */
  settle(): Promise<void>;
  /** Executed rule triggers the simulator saw (replays of a key excluded), oldest first. */
  executions(): Extract<SimEvent, { type: "trigger" }>[];
  firings(): Promise<Firing[]>;
  logs(): Record<string, unknown>[];
  logText(): string;
  close(): Promise<void>;
}

export async function createDaemonHarness(
  options: { start?: string; state?: StateInput } = {},
): Promise<DaemonHarness> {
  const clock = createFakeClock(options.start ?? "2026-03-02T14:00:00.500Z");
  const timers = createFakeTimers(clock);
  const dir = await mkdtemp(join(tmpdir(), "seqd-daemon-"));
  const configPath = join(dir, "seqd.yaml");
  const storePath = join(dir, "seqd.db");
  const sim = await startSimulator({ state: options.state ?? SIM_STATE, clock, driftCheckMs: 3_600_000 });
  const metrics = createMetrics({ processMetrics: false });
  let text = "";
  const log = createLogger({
    destination: { write: (line: string) => (text += line) },
    pretty: false,
    clock,
    level: "debug",
  });
  let daemon: Daemon | undefined;

  // Work that sleeps on the fake timers (a retry's backoff) never goes idle by itself: give
  // real I/O a bounded moment, then let the caller move the timers.
  const others = new Set<Daemon>();
  const idleOrTimerBound = () =>
    Promise.race([
      Promise.all([daemon?.idle(), ...[...others].map((other) => other.idle())]),
      new Promise((resolve) => setTimeout(resolve, 50)),
    ]);
  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      await idleOrTimerBound();
      await sim.settled();
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const harness: DaemonHarness = {
    clock,
    timers,
    sim,
    dir,
    configPath,
    storePath,
    metrics,
    logger: log.logger,
    get daemon() {
      if (daemon === undefined) throw new Error("the daemon is not running");
      return daemon;
    },
    async writeConfig(body) {
      await writeFile(configPath, configHead(sim.url, storePath) + body);
    },
    async start(overrides = {}) {
      const result = await startDaemon({
        configPath,
        cwd: dir,
        env: TEST_ENV,
        clock,
        timers,
        log,
        metrics,
        dryRun: false,
        lastGood: false,
        random: () => 0.5,
        ...overrides,
      });
      if (result.ok) daemon = result.daemon;
      await settle();
      return result;
    },
    async stop() {
      await daemon?.stop();
      daemon = undefined;
    },
    settle,
    alsoSettle: (other) => others.add(other),
    driveUntil: (condition, maxSteps = 2_000) => driveTimersUntil(timers, settle, condition, maxSteps),
    async driveTo(at, maxSteps) {
      const target = new Date(at).getTime();
      await harness.driveUntil(() => clock.now().getTime() >= target, maxSteps);
    },
    executions: () =>
      sim
        .events({ type: "trigger" })
        .filter(
          (event): event is Extract<SimEvent, { type: "trigger" }> =>
            event.type === "trigger" && event.outcome === "executed",
        ),
    async firings() {
      const store = daemon?.store ?? (await openStore(`sqlite:${storePath}`, { clock, readOnly: true }));
      try {
        return await store.listFirings({ limit: 10_000 });
      } finally {
        if (daemon === undefined) await store.close();
      }
    },
    logs: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    logText: () => text,
    async close() {
      await daemon?.stop();
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
