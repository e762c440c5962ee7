/**
 * Turns the endpoint suite's raw runs into per-server figures, the three
 * goals and the headline. Pure: the driver (run.ts) measures, this decides.
 */
import { type Spread, spread } from "../lib/stats.js";
import type { ServerRole } from "./servers.js";
import type { WrkStats } from "./wrk.js";

/** A c50 run counts only if the server kept its core at least this busy (benchmarking.md). */
export const MIN_SERVER_CPU = 0.93;

/** The goals, each a maximum. */
export const GOALS = {
  /** node-bare req/s ÷ seqd req/s, i.e. seqd ≥ 0.8× bare node:http. */
  throughput: 1.25,
  /** seqd c50 p99 ÷ node-bare c50 p99. */
  p99: 2,
  /** seqd idle RSS ÷ hono-bare idle RSS. */
  idleRss: 1.5,
} as const;

/** One measured load run. */
export interface LoadSample {
  connections: number;
  round: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server CPU time over the run's duration, as a fraction of one core. */
  serverCpu: number;
  /** wrk's CPU time over the run's duration, as a fraction of one core. */
  generatorCpu: number | null;
  /** c50 only: the server was saturated (serverCpu ≥ MIN_SERVER_CPU), so req/s is its capacity. */
  valid: boolean;
}

/** Non-2xx responses and socket errors of a run: anything but 0 invalidates the benchmark. */
export function errorSummary(stats: WrkStats): string | undefined {
  const { status, read, write, timeout, connect } = stats.errors;
  const sockets = read + write + timeout + connect;
  if (status === 0 && sockets === 0) return undefined;
  return `${status} non-2xx responses, ${sockets} socket errors (read ${read}, write ${write}, timeout ${timeout}, connect ${connect})`;
}

/** A LoadSample from wrk's figures and the server's CPU ticks spent during the run. */
export function toSample(
  stats: WrkStats,
  run: { connections: number; round: number; serverTicks: number; ticksPerSecond: number },
): LoadSample {
  const seconds = stats.durationUs / 1e6;
  const cpu = (ticks: number) => ticks / run.ticksPerSecond / seconds;
  const serverCpu = cpu(run.serverTicks);
  return {
    connections: run.connections,
    round: run.round,
    reqPerSec: stats.requests / seconds,
    p50Ms: stats.p50Us / 1000,
    p99Ms: stats.p99Us / 1000,
    maxMs: stats.maxUs / 1000,
    serverCpu,
    generatorCpu: stats.generatorTicks === null ? null : cpu(stats.generatorTicks),
    valid: run.connections === 1 || serverCpu >= MIN_SERVER_CPU,
  };
}

/** Resident memory of a server, in MiB. */
export interface MemoryFigures {
  /** VmRSS once ready, before any load. */
  idleMiB: number;
  /** VmRSS after all load. */
  afterMiB: number;
  /** VmHWM: the peak. */
  peakMiB: number;
}

/** Everything measured for one server. */
export interface ServerRuns {
  name: string;
  role: ServerRole;
  describe: string;
  c50: LoadSample[];
  c1: LoadSample | undefined;
  memory: MemoryFigures;
}

/** One server's figures as reported. */
export interface ServerReport {
  name: string;
  role: ServerRole;
  describe: string;
  c50: {
    reqPerSec: Spread;
    p50Ms: number;
    p99Ms: number;
    serverCpu: Spread;
    generatorCpuMax: number | null;
    runs: number;
    invalidRuns: number;
  };
  c1: { reqPerSec: number; p50Ms: number; p99Ms: number } | null;
  memory: MemoryFigures;
  /** node-bare median req/s ÷ this server's (1 for node-bare itself). */
  costRatio: number;
  /** The same ratio within each round (runs a minute or two apart). */
  pairedCostRatios: number[];
  /**
   * Server CPU per request relative to node-bare's (c50 medians of req/s ÷ server CPU). Not a
   * goal: when neighbours keep the servers below saturation, it still says what a request costs.
   */
  cpuCostRatio: number;
}

/** One goal's verdict. */
export interface GoalVerdict {
  value: number | null;
  max: number;
  met: boolean | null;
}

/** The suite's outcome. */
export interface EndpointAnalysis {
  servers: ServerReport[];
  goals: { throughput: GoalVerdict; p99: GoalVerdict; idleRss: GoalVerdict };
  /** Why the headline cannot be trusted, if it cannot. */
  noisy: string | undefined;
  baseline: ServerReport;
  seqd: ServerReport | undefined;
}

const median = (values: readonly number[]): number => spread(values).median;
/** Requests per second of server CPU: a run's throughput as if it had had its whole core. */
const perCpuSecond = (samples: readonly LoadSample[]): number =>
  median(samples.map((s) => s.reqPerSec / Math.max(s.serverCpu, Number.EPSILON)));

function report(runs: ServerRuns, baseline: ServerRuns): ServerReport {
  if (runs.c50.length === 0) throw new Error(`${runs.name}: no c50 runs`);
  const reqPerSec = spread(runs.c50.map((s) => s.reqPerSec));
  const generator = runs.c50.flatMap((s) => (s.generatorCpu === null ? [] : [s.generatorCpu]));
  const pairedCostRatios = runs.c50.flatMap((sample) => {
    const same = baseline.c50.find((b) => b.round === sample.round);
    return same === undefined ? [] : [same.reqPerSec / sample.reqPerSec];
  });
  return {
    name: runs.name,
    role: runs.role,
    describe: runs.describe,
    c50: {
      reqPerSec,
      p50Ms: median(runs.c50.map((s) => s.p50Ms)),
      p99Ms: median(runs.c50.map((s) => s.p99Ms)),
      serverCpu: spread(runs.c50.map((s) => s.serverCpu)),
      generatorCpuMax: generator.length === 0 ? null : Math.max(...generator),
      runs: runs.c50.length,
      invalidRuns: runs.c50.filter((s) => !s.valid).length,
    },
    c1:
      runs.c1 === undefined
        ? null
        : { reqPerSec: runs.c1.reqPerSec, p50Ms: runs.c1.p50Ms, p99Ms: runs.c1.p99Ms },
    memory: runs.memory,
    costRatio: median(baseline.c50.map((s) => s.reqPerSec)) / reqPerSec.median,
    pairedCostRatios,
    cpuCostRatio: perCpuSecond(baseline.c50) / perCpuSecond(runs.c50),
  };
}

function verdict(value: number | null, max: number, trusted: boolean): GoalVerdict {
  return { value, max, met: value === null || !trusted ? null : value <= max };
}

/**
 * Per-server figures, ratios against the baseline and the goals. The
 * throughput and p99 goals count only when every c50 run of the baseline and
 * of seqd was valid; the memory goal does not depend on CPU saturation.
 */
export function analyze(servers: readonly ServerRuns[]): EndpointAnalysis {
  const find = (role: ServerRole) => servers.find((s) => s.role === role);
  const baselineRuns = find("baseline");
  if (baselineRuns === undefined) throw new Error("no baseline server");
  const reports = servers.map((runs) => report(runs, baselineRuns));
  const byRole = (role: ServerRole) => reports.find((r) => r.role === role);
  const baseline = byRole("baseline")!;
  const seqd = byRole("seqd");
  const reference = byRole("reference");

  const judged = [baseline, ...(seqd === undefined ? [] : [seqd])];
  const invalid = judged.filter((r) => r.c50.invalidRuns > 0);
  const noisy =
    invalid.length === 0
      ? undefined
      : invalid
          .map(
            (r) =>
              `${r.name}: ${r.c50.invalidRuns} of ${r.c50.runs} c50 runs ` +
              `below ${MIN_SERVER_CPU * 100} % server CPU (min ${(r.c50.serverCpu.min * 100).toFixed(0)} %)`,
          )
          .join("; ");
  const trusted = noisy === undefined;
  return {
    servers: reports,
    goals: {
      throughput: verdict(seqd?.costRatio ?? null, GOALS.throughput, trusted),
      p99: verdict(seqd === undefined ? null : seqd.c50.p99Ms / baseline.c50.p99Ms, GOALS.p99, trusted),
      idleRss: verdict(
        seqd === undefined || reference === undefined ? null : seqd.memory.idleMiB / reference.memory.idleMiB,
        GOALS.idleRss,
        true,
      ),
    },
    noisy,
    baseline,
    seqd,
  };
}
