import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFakeClock, createSequenceClient, Secret } from "@seqd/core";
import { type SimEvent, startSimulator } from "@seqd/simulator";
import { openStore } from "@seqd/store";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/observability/logger.js";
import { createMetrics } from "../src/observability/metrics.js";
import { createAlerter } from "../src/runtime/alerter.js";
import { createDispatcher } from "../src/runtime/dispatcher.js";
import { createFakeTimers } from "../src/runtime/fake-timers.js";
import { createLeadership, LEASE_TTL_MS } from "../src/runtime/leadership.js";
import { recoverFirings } from "../src/runtime/recovery.js";
import { SIM_STATE } from "../src/runtime/runtime-test-kit.js";
import { createStoreGuard } from "../src/runtime/store-guard.js";

// A real process is SIGKILLed in the middle of a firing; a fresh runtime then recovers from the
// same SQLite file. Whatever the moment of death, Sequence must run the rule exactly once.
// `SEQD_TEST_LONG=1` runs 20 crashes instead of one per crash point.

const CHILD = fileURLToPath(new URL("./crash/crash-child.ts", import.meta.url));
const MODES = ["claimed", "sending", "responded", "random"] as const;
type Mode = (typeof MODES)[number];
const RUNS = process.env["SEQD_TEST_LONG"] === "1" ? 20 : MODES.length;

/** Runs the child until it reports `mode`, then kills it with SIGKILL (in `random` mode it kills itself). */
function crashAt(args: string[], mode: Mode, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const argv = ["--import", "tsx", CHILD, ...args, mode, String(delayMs)];
    const child = spawn(process.execPath, argv, { stdio: "pipe" });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${mode}\n`)) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve();
      else reject(new Error(`child exited ${code} before the crash point; stderr:\n${err}`));
    });
  });
}

async function crashAndRecover(run: number, mode: Mode) {
  const dir = await mkdtemp(join(tmpdir(), "seqd-crash-"));
  const storeUrl = `sqlite:${join(dir, "seqd.db")}`;
  const key = `crash-${run}-${mode}`;
  const clock = createFakeClock(new Date());
  const timers = createFakeTimers(clock);
  const sim = await startSimulator({ state: SIM_STATE, clock, driftCheckMs: 3_600_000 });
  const client = createSequenceClient({ baseUrl: sim.url, clock });
  const triggers = () =>
    sim
      .events({ type: "trigger" })
      .filter((e): e is Extract<SimEvent, { type: "trigger" }> => e.type === "trigger");
  try {
    // Spread the random crash points over the first ~25 ms after the claim.
    await crashAt([storeUrl, sim.url, key], mode, (run * 7) % 26);
    // The child wrote real times; continue from the real "now" of the crash.
    clock.setWall(new Date());
    const beforeRecovery = triggers().map((e) => e.outcome);

    let text = "";
    const { logger } = createLogger({
      destination: { write: (l: string) => (text += l) },
      pretty: false,
      clock,
    });
    const metrics = createMetrics({ processMetrics: false });
    const store = await openStore(storeUrl, { clock });
    try {
      const [left] = await store.listUnfinished();
      const alerter = createAlerter({
        store,
        clock,
        timers,
        logger,
        metrics,
        webhook: undefined,
        repeatEveryMs: 3_600_000,
      });
      const guard = createStoreGuard({ store, alerter, timers, logger, metrics });
      // The dead child's lease must lapse before this instance may fire.
      const leadership = createLeadership({ store, clock, timers, logger, metrics, holder: "recovery" });
      expect(await leadership.start()).toBe(false);
      clock.advance(LEASE_TTL_MS + 1);
      expect(await leadership.start()).toBe(true);
      const dispatcher = createDispatcher({
        client,
        store,
        guard,
        alerter,
        leadership,
        clock,
        timers,
        logger,
        metrics,
        random: Math.random,
        rules: new Map([
          [
            "sweep",
            {
              id: "sweep",
              url: `${sim.url}/remote-api/rules/ru_sweep/trigger`,
              secret: new Secret("rule-secret-sweep"),
              minIntervalMs: 0,
            },
          ],
        ]),
        dryRun: false,
      });
      const report = await recoverFirings({
        store,
        guard,
        dispatcher,
        alerter,
        clock,
        logger,
        metrics,
        dryRun: false,
      });
      const results = await Promise.all(report.resumed.map((r) => r.result));
      await sim.settled();
      await leadership.stop();
      return {
        leftStatus: left?.status,
        beforeRecovery,
        results: results.map((r) => r.status),
        keys: [...new Set(triggers().map((e) => e.idempotencyKey))],
        executed: triggers().filter((e) => e.outcome === "executed").length,
        executions: sim.executions().length,
        final: (await store.listFirings({ limit: 10 })).map((f) => f.status),
      };
    } finally {
      await store.close();
    }
  } finally {
    await client.close();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

describe("a real crash (SIGKILL) mid-firing", () => {
  const expected: Record<Exclude<Mode, "random">, { leftStatus: string; beforeRecovery: string[] }> = {
    claimed: { leftStatus: "claimed", beforeRecovery: [] },
    sending: { leftStatus: "sent", beforeRecovery: [] },
    responded: { leftStatus: "sent", beforeRecovery: ["executed"] },
  };

  for (let run = 0; run < RUNS; run++) {
    const mode = MODES[run % MODES.length]!;
    it(`run ${run + 1}: killed at "${mode}" → recovered, Sequence ran the rule exactly once`, async () => {
      const outcome = await crashAndRecover(run, mode);
      const invariant = { keys: [`crash-${run}-${mode}`], executed: 1, executions: 1, final: ["accepted"] };
      if (mode === "random") {
        // Wherever it died, recovery finishes the job (or the job was already done) — once.
        expect(outcome).toMatchObject(invariant);
        expect(outcome.results).toEqual(outcome.leftStatus === undefined ? [] : ["accepted"]);
      } else {
        expect(outcome).toEqual({ ...expected[mode], results: ["accepted"], ...invariant });
      }
    }, 60_000);
  }
});
