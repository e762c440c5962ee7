import { writeFile } from "node:fs/promises";
import { type SimEvent, startSimulator } from "@seqd/simulator";
import { type Firing, openStore, type TriggerState } from "@seqd/store";
import { startWebhookReceiver } from "seqd/testing";
import { createRandom, type Random } from "../random.js";
import type { TempDir } from "../temp-dir.js";
import { nextBalance, type ScriptedBalance } from "./balance-script.js";
import {
  type CrashLoopSecrets,
  crashLoopConfig,
  crashLoopSimState,
  RESERVE_ACCOUNT,
  secretEnv,
  THRESHOLD,
  TRIGGERS,
} from "./crash-loop-setup.js";
import { type ProbeAnswer, probeDaemon } from "./daemon-probes.js";
import { type DaemonProcess, type LogEvent, spawnSeqd } from "./daemon-process.js";

/** A trigger request as the simulator recorded it. */
export type SimTriggerEvent = Extract<SimEvent, { type: "trigger" }>;

export interface CrashLoopOptions {
  seed: number;
  /** How many times a running daemon is SIGKILLed and restarted. */
  kills: number;
  /** Longest wait, after a daemon listens, before it is killed. */
  maxKillDelayMs: number;
  /**
   * Restarts held back past a minute (61–70 s), spread over the loop: only occurrences more than
   * a minute late are missed (design §4), so these are what the `skip` schedule records.
   */
  longOutages: number;
  secrets: CrashLoopSecrets;
  tmp: TempDir;
}

/** One `seqd` child of the loop: what it printed and how it ended. */
export interface ProcessRecord {
  lines: readonly string[];
  /** `boot`: killed before or while it started; `running`: after it listened; `final`: SIGTERM. */
  ended: "boot" | "running" | "final";
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

/** A CLI command run beside the store after the loop. */
export interface CliRecord {
  args: readonly string[];
  code: number | null;
  output: string;
}

/** Everything a crash loop produced, for the audit and the leak scan. */
export interface CrashLoopRun {
  processes: ProcessRecord[];
  firings: Firing[];
  triggerEvents: SimTriggerEvent[];
  /** Schedule cursors: where the first run started counting, and where the last run left off. */
  cursors: Map<string, { from: Date; to: Date }>;
  balances: ScriptedBalance[];
  webhookBodies: string[];
  probes: ProbeAnswer[];
  cli: CliRecord[];
  storePath: string;
}

const SCHEDULES = [TRIGGERS.all, TRIGGERS.skip];
/** The store lists at most this many firings at once. */
const LEDGER_LIMIT = 10_000;

/**
 * Runs a real `seqd run` child against the simulator, moves the reserve balance on a seeded
 * timeline, SIGKILLs the child `kills` times at seeded moments (a quarter of them while it
 * boots and recovers) and restarts it at once; probes it while it runs; finally lets one run
 * catch up, stops it with SIGTERM and runs `history`, `accounts` and `validate --secrets`.
 */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopRun> {
  const { secrets, tmp } = options;
  const random = createRandom(options.seed);
  const sim = await startSimulator({ state: crashLoopSimState(secrets) });
  const receiver = await startWebhookReceiver();
  const storePath = tmp.join("seqd.db");
  const configPath = tmp.join("seqd.yaml");
  await writeFile(configPath, crashLoopConfig({ simUrl: sim.url, storePath, webhookUrl: receiver.url }));
  const env = { ...secretEnv(secrets), SEQD_LOG_LEVEL: "info" };
  const start = () => spawnSeqd({ args: ["run", configPath], env, cwd: tmp.path });
  // Its own stream: how far the script gets depends on timing, the kill moments must not.
  const script = startBalanceScript(createRandom(options.seed + 1), (cents) =>
    sim.setBalances({ [RESERVE_ACCOUNT]: cents }),
  );
  const processes: ProcessRecord[] = [];
  const probes: ProbeAnswer[] = [];
  let current: DaemonProcess | undefined;
  try {
    current = start();
    const from = new Map<string, Date>();
    for (const triggerId of SCHEDULES) {
      const started = await current.waitForEvent(
        (event) => event.event === "schedule.started" && event["triggerId"] === triggerId,
        `schedule ${triggerId} to start`,
      );
      from.set(triggerId, new Date(String(started["cursor"])));
    }
    const outageEvery = Math.floor(options.kills / (options.longOutages + 1));
    for (let kill = 1; kill <= options.kills; kill++) {
      const ended = await killAtRandom(current, random, options.maxKillDelayMs, probes, secrets);
      processes.push({ lines: current.lines(), ended, exit: await current.exited() });
      if (options.longOutages > 0 && kill % outageEvery === 0 && kill / outageEvery <= options.longOutages) {
        await new Promise((resolve) => setTimeout(resolve, random.between(61_000, 70_000)));
      }
      current = start();
    }
    const restartedAt = Date.now();
    await current.waitForEvent(isListening, "the last run to listen");
    await waitForCursors(storePath, restartedAt + 2_000);
    current.child.kill("SIGTERM");
    processes.push({ lines: current.lines(), ended: "final", exit: await current.exited() });
    current = undefined;
    script.stop();

    const { firings, states } = await readLedger(storePath);
    const cursors = new Map<string, { from: Date; to: Date }>();
    for (const triggerId of SCHEDULES) {
      const to = states.get(triggerId)?.cursor;
      if (to === undefined) throw new Error(`schedule ${triggerId} has no cursor in the store`);
      cursors.set(triggerId, { from: from.get(triggerId)!, to });
    }
    const cli: CliRecord[] = [];
    for (const args of [
      ["history", configPath, "--limit", String(LEDGER_LIMIT)],
      ["accounts", configPath],
      ["validate", "--secrets", configPath],
    ]) {
      const child = spawnSeqd({ args, env, cwd: tmp.path });
      const exit = await child.exited();
      cli.push({ args, code: exit.code, output: child.lines().join("\n") });
    }
    return {
      processes,
      firings,
      triggerEvents: sim
        .events({ type: "trigger" })
        .filter((event): event is SimTriggerEvent => event.type === "trigger"),
      cursors,
      balances: script.balances,
      webhookBodies: receiver.requests.map((request) => request.body),
      probes,
      cli,
      storePath,
    };
  } finally {
    script.stop();
    current?.child.kill("SIGKILL");
    await current?.exited();
    await receiver.close();
    await sim.stop();
  }
}

const isListening = (event: LogEvent) => event.event === "http.listening";

/**
 * Kills `daemon` at a seeded moment: a quarter of the time 0.2–1.5 s after spawn (during boot
 * and recovery), otherwise 0.2 s–`maxDelayMs` after it listens, probing it first half the time.
 */
async function killAtRandom(
  daemon: DaemonProcess,
  random: Random,
  maxDelayMs: number,
  probes: ProbeAnswer[],
  secrets: CrashLoopSecrets,
): Promise<ProcessRecord["ended"]> {
  const duringBoot = random.chance(0.25);
  const delayMs = duringBoot ? random.between(200, 1_500) : random.between(200, maxDelayMs);
  const probe = !duringBoot && random.chance(0.5);
  const reload = random.chance(0.2);
  if (!duringBoot) {
    const listening = await daemon.waitForEvent(isListening, "the daemon to listen");
    if (probe) probes.push(...(await probeDaemon({ url: String(listening["url"]), secrets, reload })));
  }
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  daemon.child.kill("SIGKILL");
  return duringBoot ? "boot" : "running";
}

/** Polls the store (read-only) until every schedule's cursor has passed `untilMs`. */
async function waitForCursors(storePath: string, untilMs: number, limitMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { states } = await readLedger(storePath);
    const done = SCHEDULES.every((id) => (states.get(id)?.cursor?.getTime() ?? 0) >= untilMs);
    if (done) return;
    if (Date.now() - started > limitMs) throw new Error("the last run never caught up");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readLedger(
  storePath: string,
): Promise<{ firings: Firing[]; states: Map<string, TriggerState> }> {
  const store = await openStore(`sqlite:${storePath}`, { readOnly: true });
  try {
    const firings = await store.listFirings({ limit: LEDGER_LIMIT });
    // A full page would hide rows from the audit: a run that long needs paging.
    if (firings.length === LEDGER_LIMIT)
      throw new Error(`more than ${LEDGER_LIMIT} firings: shorten the run`);
    return { firings, states: await store.getTriggerStates() };
  } finally {
    await store.close();
  }
}

/** Sets the reserve balance to a seeded level every 0.3–2.5 s until stopped. */
function startBalanceScript(
  random: Random,
  set: (cents: number) => unknown,
): { balances: ScriptedBalance[]; stop(): void } {
  const balances: ScriptedBalance[] = [{ atMs: Date.now(), cents: THRESHOLD.rearmAbove + 10_000 }];
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    const cents = nextBalance(random, THRESHOLD);
    set(cents);
    balances.push({ atMs: Date.now(), cents });
    timer = setTimeout(step, random.between(300, 2_500));
  };
  timer = setTimeout(step, random.between(300, 2_500));
  return {
    balances,
    stop: () => clearTimeout(timer),
  };
}
