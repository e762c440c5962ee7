import { writeFile } from "node:fs/promises";
import { defaultTriggerRetryPolicy } from "@seqd/core";
import { type FaultInput, type RunningSimulator, startSimulator } from "@seqd/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { readLedger, waitForLine, waitForReadyz } from "../src/daemon-process/daemon-checks.js";
import { type DaemonProcess, startDaemonProcess, waitFor } from "../src/daemon-process/daemon-process.js";
import { FAST_SECRETS, fastConfig, fastSimState } from "../src/daemon-process/fast-config.js";
import { type FaultPhase, finalPhases, phasesInOrder } from "../src/fault-injection/fault-phases.js";
import { judgeKeys, linesWithin, tallyKeys } from "../src/fault-injection/judge-triggers.js";
import { fileLeakSources, scanForSecrets, sqliteFiles } from "../src/leak-scan.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { createRandom } from "../src/random.js";
import { createTally, keepLog, writeTally } from "../src/report-table.js";
import { createTempDir, type TempDir } from "../src/temp-dir.js";

// A real `seqd run` child against the simulator over loopback; the simulator injects each fault
// in turn (seeded order). The daemon must stay up, retry within its policy, never fire on a
// failed read, raise the right alerts and say so on /readyz. SEQD_FAULT_SEED replays an order.

const mode = reliabilityMode();
const SEED = Number(process.env["SEQD_FAULT_SEED"] ?? 20_261_125);
const ROUNDS = byMode({ short: 1, long: 3 });
// Replays phases whose name contains this text alone (a finding's phase, while debugging).
const ONLY = process.env["SEQD_FAULT_PHASE"];
const tally = createTally("fault injection", mode);
const CHECKING = "5579244";
const ADMIN = { authorization: `Bearer ${FAST_SECRETS.ADMIN_TOKEN}` };

let tmp: TempDir | undefined;
let sim: RunningSimulator | undefined;
let daemon: DaemonProcess | undefined;

afterAll(async () => {
  if (daemon?.alive()) daemon.child.kill("SIGKILL");
  // The daemon's log, kept beside the tallies for whoever reads a failure.
  if (daemon !== undefined) await keepLog("fault-injection-daemon.log", daemon.output());
  await sim?.stop();
  await tmp?.remove();
  tally.note ??= `seed ${SEED}, ${ROUNDS} round(s)`;
  await writeTally(tally.tally());
});

const now = () => new Date().toISOString();

const waitReady = (status: 200 | 503, limitMs?: number) => waitForReadyz(daemon!, status, limitMs);
const waitLine = (
  what: string,
  since: string,
  match: (line: Record<string, unknown>) => boolean,
  limitMs?: number,
) => waitForLine(daemon!, what, since, match, limitMs);

function addFaults(faults: readonly FaultInput[]): string[] {
  return faults.map((fault) => sim!.addFault(fault).id);
}

/** Waits until every fault in `ids` has struck as often as it was told to. */
async function waitExhausted(ids: readonly string[], limitMs = 30_000): Promise<void> {
  await waitFor(
    () => `the faults to strike: ${JSON.stringify(sim!.faults())}`,
    () =>
      sim!.faults().every((fault) => !ids.includes(fault.id) || fault.remaining === 0) ? true : undefined,
    limitMs,
  );
}

/** The keys of trigger requests the faults `ids` struck. */
function struckKeys(ids: readonly string[]): string[] {
  const keys = sim!
    .events({ type: "trigger" })
    .flatMap((event) =>
      event.type === "trigger" && event.faultId !== undefined && ids.includes(event.faultId)
        ? [event.idempotencyKey ?? ""]
        : [],
    );
  return [...new Set(keys)];
}

const firingEnded = (event: string, key: string) => (line: Record<string, unknown>) =>
  line["event"] === event && line["idempotencyKey"] === key;

/**
 * The keys a stall struck. A latency fault does not mark its event, but the rule's lane is
 * serial: the first sweep request answered after the fault was added is the stalled one.
 */
function stalledKeys(afterSeq: number): string[] | undefined {
  const first = sim!
    .events({ type: "trigger" })
    .find((event) => event.seq > afterSeq && event.type === "trigger" && event.ruleId === "ru_sweep");
  return first?.type === "trigger" && first.idempotencyKey !== null ? [first.idempotencyKey] : undefined;
}

async function retried(phase: FaultPhase, since: string): Promise<void> {
  const afterSeq = sim!.events().at(-1)?.seq ?? 0;
  const ids = addFaults(phase.faults);
  await waitExhausted(ids, 90_000);
  const stall = phase.faults.every((fault) => fault.kind === "latency");
  // A stalled answer is recorded when it is sent, 10 s after the fault struck.
  const keys = await waitFor("the struck requests", () => {
    if (stall) return stalledKeys(afterSeq);
    const struck = struckKeys(ids);
    return struck.length > 0 ? struck : undefined;
  });
  // A bare 429 waits 30 s and a 5-deep storm up to 62 s: bounded by the policy, not by this test.
  for (const key of keys)
    await waitLine(`${key} accepted`, since, firingEnded("firing.accepted", key), 120_000);
}

async function refused(phase: FaultPhase, since: string): Promise<void> {
  const ids = addFaults(phase.faults);
  await waitExhausted(ids);
  const keys = await waitFor("the struck requests", () => {
    const struck = struckKeys(ids);
    return struck.length > 0 ? struck : undefined;
  });
  for (const key of keys) {
    await waitLine(`${key} failed`, since, firingEnded("firing.failed", key));
    await waitLine(
      "firing_failed",
      since,
      (line) => line["kind"] === "firing_failed" && line["idempotencyKey"] === key,
    );
  }
}

async function rateLimited(since: string): Promise<void> {
  const seqBefore = sim!.events().at(-1)?.seq ?? 0;
  for (let i = 0; i < 3; i++) {
    const answer = await fetch(`${daemon!.url}/admin/triggers/burst-by-hand/fire`, {
      method: "POST",
      headers: ADMIN,
    });
    expect(answer.status).toBe(200);
  }
  const burst = sim!
    .events({ type: "trigger" })
    .filter((event) => event.seq > seqBefore && event.type === "trigger" && event.ruleId === "ru_burst");
  const limited = burst.filter((event) => event.type === "trigger" && event.outcome === "rate_limited");
  expect(limited.length).toBeGreaterThan(0);
  expect(limited.every((event) => event.type === "trigger" && event.retryAfterSeconds !== undefined)).toBe(
    true,
  );
  const executedKeys = burst.flatMap((event) =>
    event.type === "trigger" && event.outcome === "executed" ? [event.idempotencyKey] : [],
  );
  expect(new Set(executedKeys).size).toBe(3);
  expect(executedKeys.length).toBe(3);
  for (const key of executedKeys)
    await waitLine(`${key} accepted`, since, firingEnded("firing.accepted", key ?? ""));
}

/** Nothing fired on a guard or a threshold between `from` and `to`. */
function expectNoFiringBetween(from: string, to: string): void {
  const logs = daemon!.logs();
  expect(linesWithin(logs, { event: "firing.claimed", triggerId: "sweep-often" }, from, to)).toEqual([]);
  expect(linesWithin(logs, { event: "firing.claimed", triggerId: "checking-low" }, from, to)).toEqual([]);
}

async function stale(phase: FaultPhase, since: string): Promise<void> {
  const ids = addFaults(phase.faults);
  const alert = await waitLine("stale_balance", since, (line) => line["kind"] === "stale_balance");
  await waitReady(503);
  await waitLine(
    "a skipped sweep",
    since,
    (line) => line["kind"] === "firing_skipped" && line["reason"] === "condition_stale",
  );
  await waitExhausted(ids);
  const fresh = await waitLine("a good poll", String(alert["time"]), (line) => line["event"] === "poll.ok");
  expectNoFiringBetween(String(alert["time"]), String(fresh["time"]));
}

async function unavailable(phase: FaultPhase, since: string): Promise<void> {
  const ids = addFaults(phase.faults);
  // Checking crosses below the threshold while seqd cannot read it.
  expect(sim!.setBalances({ [CHECKING]: "$300" }).ok).toBe(true);
  const first = await waitLine(
    "checking unavailable",
    since,
    (line) => line["event"] === "balance.unavailable",
  );
  await waitReady(503);
  // Three unreadable polls: three chances to fire on a failed read.
  await waitFor("three unreadable polls", () =>
    linesWithin(daemon!.logs(), { event: "poll.ok" }, String(first["time"]), "~").length >= 3
      ? true
      : undefined,
  );
  const healedAt = now();
  for (const id of ids) sim!.removeFault(id);
  expectNoFiringBetween(String(first["time"]), healedAt);
  // The first good reading is still low: the crossing fires, once.
  const fired = await waitLine(
    "the top-up",
    healedAt,
    (line) => line["event"] === "firing.accepted" && line["triggerId"] === "checking-low",
  );
  expect(sim!.setBalances({ [CHECKING]: "$2_500" }).ok).toBe(true);
  await waitLine("checking re-armed", String(fired["time"]), (line) => line["event"] === "threshold.rearmed");
  const topUps = linesWithin(
    daemon!.logs(),
    { event: "firing.claimed", triggerId: "checking-low" },
    since,
    "~",
  );
  expect(topUps).toHaveLength(1);
}

async function pollRetried(phase: FaultPhase): Promise<void> {
  const ids = addFaults(phase.faults);
  await waitExhausted(ids);
  const after = now();
  await waitLine("a good poll", after, (line) => line["event"] === "poll.ok");
}

async function tokenRejected(phase: FaultPhase, since: string): Promise<void> {
  const ids = addFaults(phase.faults);
  await waitExhausted(ids);
  await waitLine("access_token_rejected", since, (line) => line["kind"] === "access_token_rejected");
  // The poller now waits 15 min before asking again: balances go stale and /readyz says so.
  await waitLine("stale_balance", since, (line) => line["kind"] === "stale_balance");
  await waitReady(503);
}

async function runPhase(phase: FaultPhase): Promise<void> {
  const since = now();
  switch (phase.expect) {
    case "retried":
      return retried(phase, since);
    case "refused":
      return refused(phase, since);
    case "rateLimited":
      return rateLimited(since);
    case "stale":
      return stale(phase, since);
    case "unavailable":
      return unavailable(phase, since);
    case "pollRetried":
      return pollRetried(phase);
    case "tokenRejected":
      return tokenRejected(phase, since);
  }
}

describe("fault injection against a running seqd", () => {
  it(
    `stays up, retries within bounds, never fires on a failed read (seed ${SEED})`,
    async () => {
      tmp = await createTempDir();
      sim = await startSimulator({ state: fastSimState() });
      const storeUrl = `sqlite:${tmp.join("seqd.db")}`;
      const config = tmp.join("seqd.yaml");
      await writeFile(
        config,
        fastConfig({
          simUrl: sim.url,
          storeUrl,
          sweepCron: "* * * * * *",
          sweepWhen: "balance(checking) > $100",
        }),
      );
      daemon = await startDaemonProcess({
        config,
        cwd: tmp.path,
        env: { ...FAST_SECRETS },
        logLevel: "debug",
      });
      let exitedEarly: string | undefined;
      daemon.child.once("exit", (code, signal) => (exitedEarly ??= `exit ${code} ${signal}`));
      await waitReady(200);

      const random = createRandom(SEED);
      const timings: string[] = [];
      const rounds = Array.from({ length: ROUNDS }, () => phasesInOrder(mode, random));
      const plan = [...rounds.flat(), ...finalPhases(mode)];
      for (const phase of plan) {
        if (ONLY !== undefined && !phase.name.includes(ONLY)) continue;
        const started = Date.now();
        await runPhase(phase);
        expect(exitedEarly).toBeUndefined();
        // Every fault heals (but a 401, see finalPhases): the daemon must say it is ready again.
        if (phase.last !== true) await waitReady(200);
        tally.iterations += 1;
        tally.faultsInjected += Math.max(1, phase.faults.length);
        timings.push(`${phase.name} ${Date.now() - started} ms`);
      }
      expect(exitedEarly).toBeUndefined();
      const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
      expect(await daemon.stop()).toBe(0);
      expect(exitedEarly).toBe("exit 0 null");

      const keys = tallyKeys(sim.events({ type: "trigger" }));
      const { duplicated, overRetried } = judgeKeys(keys, defaultTriggerRetryPolicy.maxAttempts);
      tally.duplicates += duplicated.length;
      expect({ duplicated, overRetried }).toEqual({ duplicated: [], overRetried: [] });

      // Nothing lost: every key Sequence ran is in the ledger, and every accepted firing ran once.
      const firings = (await readLedger(storeUrl)).filter((firing) => firing.idempotencyKey !== null);
      const ledger = new Set(firings.map((firing) => firing.idempotencyKey));
      const unrecorded = [...keys].filter(([key, seen]) => seen.executed > 0 && !ledger.has(key));
      const accepted = firings.filter((firing) => firing.status === "accepted");
      const notRun = accepted.filter((firing) => keys.get(firing.idempotencyKey ?? "")?.executed !== 1);
      tally.losses += unrecorded.length + notRun.length;
      expect({ unrecorded, notRun: notRun.map((firing) => firing.idempotencyKey) }).toEqual({
        unrecorded: [],
        notRun: [],
      });

      const kinds = new Set(
        daemon
          .logs()
          .filter((line) => line["event"] === "alert")
          .map((line) => line["kind"]),
      );
      for (const kind of ["stale_balance", "firing_skipped", "firing_failed", "access_token_rejected"])
        expect(kinds).toContain(kind);

      const hits = scanForSecrets(
        Object.entries(FAST_SECRETS).map(([label, value]) => ({ label, value })),
        [
          { name: "daemon output", content: daemon.output() },
          { name: "metrics", content: metrics },
          ...(await fileLeakSources(sqliteFiles(storeUrl.slice("sqlite:".length)))),
        ],
      );
      tally.leaks += hits.length;
      expect(hits).toEqual([]);
      tally.note = `seed ${SEED}, ${ROUNDS} round(s), ${plan.length} phases; ${accepted.length} firings accepted, ${keys.size} keys`;
      console.info(timings.join("\n"));
    },
    byMode({ short: 150_000, long: 1_500_000 }),
  );
});
