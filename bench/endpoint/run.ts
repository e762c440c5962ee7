/**
 * Endpoint benchmark: the amount endpoint under wrk, seqd's server against a
 * bare node:http server and a plain Hono app, side by side in one run
 * (method: docs/benchmarks.md).
 *
 *   node --import tsx bench/endpoint/run.ts
 *
 * All servers start together, each pinned to core 1 (wrk to core 0) at
 * nice -15 when the machine allows. Each gets a warm-up at 50 connections,
 * then ROUNDS interleaved c50 runs (order rotating every round), then one c1
 * run. A c50 run is valid only if the server used ≥ 93 % of its core; any
 * non-2xx response or socket error aborts the suite. Without wrk the suite
 * writes a "skipped" result.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { roundOrder } from "../lib/interleave.js";
import { describeLauncher, detectLauncher, hasCommand } from "../lib/launcher.js";
import { clockTicksPerSecond, readCpuTicks, readMemory } from "../lib/proc.js";
import { round, writeResult } from "../lib/results.js";
import { seqdRunsFrom } from "../lib/seqd-build.js";
import { type RunningServer, startServer } from "../lib/server-process.js";
import {
  analyze,
  errorSummary,
  GOALS,
  type LoadSample,
  MIN_SERVER_CPU,
  type ServerRuns,
  toSample,
} from "./analyze.js";
import { overallMet, printReport, progressLine, serverDetails } from "./report.js";
import { SERVERS } from "./servers.js";
import { type LoadOptions, runWrk } from "./wrk.js";

const WARMUP_SECONDS = 5;
const ROUNDS = 3;
const ROUND_SECONDS = 10;
const C1_SECONDS = 10;
const CONNECTIONS = 50;
/** benchmarking.md read idle RSS 2 s after listen: let start-up garbage settle first. */
const IDLE_SETTLE_MS = 2_000;
const SERVER_CORE = 1;
const GENERATOR_CORE = 0;
const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const UNIT = "req/s (c50 median)";
const NOT_MEASURED = "seqd not measured: bench/endpoint/servers.ts has no entry with role seqd";

if (!hasCommand("wrk", ["-v"])) {
  const reason = "wrk not installed (apt-get install wrk)";
  console.log(`endpoint: skipped: ${reason}`);
  writeResult({
    suite: "endpoint",
    unit: UNIT,
    baseline: null,
    seqd: null,
    ratio: null,
    goal: GOALS.throughput,
    met: null,
    skipped: reason,
    details: { servers: SERVERS.map((s) => s.name) },
  });
} else {
  await benchmark();
}

async function benchmark(): Promise<void> {
  const launcher = detectLauncher();
  const ticksPerSecond = clockTicksPerSecond();
  const scratch = mkdtempSync(join(tmpdir(), "seqd-bench-endpoint-"));
  const seqdFrom = seqdRunsFrom();
  const seconds =
    SERVERS.length * (WARMUP_SECONDS + ROUNDS * ROUND_SECONDS + C1_SECONDS) + IDLE_SETTLE_MS / 1000;
  console.log(
    `endpoint benchmark: ${SERVERS.map((s) => s.name).join(", ")}; ${describeLauncher(launcher)}; ` +
      `seqd runs from ${seqdFrom}; about ${Math.ceil(seconds)} s\n`,
  );
  const running: RunningServer[] = [];
  try {
    // All servers start together, like benchmarking.md: none gets a quieter machine at start-up.
    const started = await Promise.allSettled(
      SERVERS.map((spec) =>
        startServer(spec, { launcher, core: SERVER_CORE, scratch, cwd: REPO_DIR, pollMs: 20 }),
      ),
    );
    for (const outcome of started) if (outcome.status === "fulfilled") running.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === "rejected");
    if (failed !== undefined) throw failed.reason;

    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idle = running.map((server) => readMemory(server.pid));

    const load = async (server: RunningServer, options: LoadOptions, round: number): Promise<LoadSample> => {
      const before = readCpuTicks(server.pid);
      const stats = await runWrk(launcher, GENERATOR_CORE, server.port, server.spec.request, options);
      const serverTicks = readCpuTicks(server.pid) - before;
      const problem = errorSummary(stats);
      if (problem !== undefined) {
        throw new Error(
          `${server.spec.name}, c${options.connections} run ${round}: ${problem}; results discarded`,
        );
      }
      const sample = toSample(stats, {
        connections: options.connections,
        round,
        serverTicks,
        ticksPerSecond,
      });
      console.log(`  ${progressLine(server.spec.name, sample)}`);
      return sample;
    };

    console.log(`warm-up: ${WARMUP_SECONDS} s at c${CONNECTIONS} each (discarded)`);
    for (const server of running)
      await load(server, { connections: CONNECTIONS, seconds: WARMUP_SECONDS }, 0);

    const c50: LoadSample[][] = running.map(() => []);
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}/${ROUNDS}: ${ROUND_SECONDS} s at c${CONNECTIONS} each`);
      for (const index of roundOrder(running.length, round - 1)) {
        const server = running[index]!;
        c50[index]!.push(await load(server, { connections: CONNECTIONS, seconds: ROUND_SECONDS }, round));
      }
    }
    console.log(`latency: ${C1_SECONDS} s at c1 each`);
    const c1: LoadSample[] = [];
    for (const server of running) c1.push(await load(server, { connections: 1, seconds: C1_SECONDS }, 1));

    const runs: ServerRuns[] = running.map((server, index) => {
      const after = readMemory(server.pid);
      return {
        name: server.spec.name,
        role: server.spec.role,
        describe: server.spec.describe,
        c50: c50[index]!,
        c1: c1[index],
        memory: {
          idleMiB: idle[index]!.rssKiB / 1024,
          afterMiB: after.rssKiB / 1024,
          peakMiB: after.hwmKiB / 1024,
        },
      };
    });
    const analysis = analyze(runs);
    printReport(analysis);
    writeResult({
      suite: "endpoint",
      unit: UNIT,
      baseline: Math.round(analysis.baseline.c50.reqPerSec.median),
      seqd: analysis.seqd === undefined ? null : Math.round(analysis.seqd.c50.reqPerSec.median),
      ratio: analysis.seqd === undefined ? null : round(analysis.seqd.costRatio),
      goal: GOALS.throughput,
      met: overallMet(analysis),
      baselineIs: "bare node:http server (JSON.parse + constant reply)",
      seqdIs: "seqd run's amount endpoint (auth, formula over cached balances, clamps, audit)",
      ...(analysis.noisy === undefined ? {} : { noisy: analysis.noisy }),
      ...(analysis.seqd === undefined ? { skipped: NOT_MEASURED } : {}),
      details: {
        method: {
          generator: "wrk, 1 thread, post.lua",
          launcher: describeLauncher(launcher),
          cores: launcher.taskset ? { server: SERVER_CORE, generator: GENERATOR_CORE } : null,
          warmupSeconds: WARMUP_SECONDS,
          rounds: ROUNDS,
          roundSeconds: ROUND_SECONDS,
          c1Seconds: C1_SECONDS,
          connections: CONNECTIONS,
          minServerCpu: MIN_SERVER_CPU,
          seqdRunsFrom: seqdFrom,
          order: "all servers started together; c50 rounds interleaved, order rotating by one each round",
        },
        goals: analysis.goals,
        servers: analysis.servers.map((server, index) => serverDetails(server, runs[index]!)),
        seqd: analysis.seqd === undefined ? "not measured yet" : "measured",
      },
    });
    console.log("\nwrote bench/results/endpoint.json");
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(scratch, { recursive: true, force: true });
  }
}
