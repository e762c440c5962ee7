import { describe, expect, it } from "vitest";
import {
  analyze,
  errorSummary,
  type LoadSample,
  MIN_SERVER_CPU,
  type ServerRuns,
  toSample,
} from "./analyze.js";
import type { WrkStats } from "./wrk.js";

const STATS: WrkStats = {
  requests: 500_000,
  durationUs: 10_000_000,
  p50Us: 930,
  p99Us: 2_380,
  maxUs: 15_000,
  errors: { status: 0, read: 0, write: 0, timeout: 0, connect: 0 },
  generatorTicks: 550,
};

describe("toSample", () => {
  it("turns wrk's figures and the server's CPU ticks into rates, milliseconds and core fractions", () => {
    expect(toSample(STATS, { connections: 50, round: 2, serverTicks: 980, ticksPerSecond: 100 })).toEqual({
      connections: 50,
      round: 2,
      reqPerSec: 50_000,
      p50Ms: 0.93,
      p99Ms: 2.38,
      maxMs: 15,
      serverCpu: expect.closeTo(0.98, 12),
      generatorCpu: expect.closeTo(0.55, 12),
      valid: true,
    });
  });

  it("marks a c50 run invalid below 93 % server CPU, and never a c1 run", () => {
    const below = MIN_SERVER_CPU * 1000 - 1;
    expect(
      toSample(STATS, { connections: 50, round: 1, serverTicks: below, ticksPerSecond: 100 }).valid,
    ).toBe(false);
    expect(toSample(STATS, { connections: 50, round: 1, serverTicks: 930, ticksPerSecond: 100 }).valid).toBe(
      true,
    );
    expect(toSample(STATS, { connections: 1, round: 1, serverTicks: 300, ticksPerSecond: 100 }).valid).toBe(
      true,
    );
  });
});

describe("errorSummary", () => {
  it("is silent for a clean run and counts non-2xx and socket errors otherwise", () => {
    expect(errorSummary(STATS)).toBeUndefined();
    expect(errorSummary({ ...STATS, errors: { status: 3, read: 1, write: 0, timeout: 2, connect: 0 } })).toBe(
      "3 non-2xx responses, 3 socket errors (read 1, write 0, timeout 2, connect 0)",
    );
  });
});

function sample(round: number, reqPerSec: number, p99Ms: number, serverCpu = 0.99): LoadSample {
  return {
    connections: 50,
    round,
    reqPerSec,
    p50Ms: 1,
    p99Ms,
    maxMs: 10,
    serverCpu,
    generatorCpu: 0.5,
    valid: serverCpu >= MIN_SERVER_CPU,
  };
}

function server(
  name: string,
  role: ServerRuns["role"],
  rates: number[],
  options: { p99Ms?: number; idleMiB?: number; cpu?: number } = {},
): ServerRuns {
  return {
    name,
    role,
    describe: name,
    c50: rates.map((rate, i) => sample(i + 1, rate, options.p99Ms ?? 2, options.cpu)),
    c1: { ...sample(1, 10_000, 0.3), connections: 1 },
    memory: { idleMiB: options.idleMiB ?? 44, afterMiB: 60, peakMiB: 68 },
  };
}

describe("analyze", () => {
  const bare = server("node-bare", "baseline", [50_000, 48_000, 52_000], { p99Ms: 2.4 });
  const hono = server("hono-bare", "reference", [31_000, 30_000, 32_000], { idleMiB: 55 });

  it("reports the anchors against node-bare and leaves seqd's goals unmeasured without a seqd server", () => {
    const result = analyze([bare, hono]);
    expect(result.seqd).toBeUndefined();
    expect(result.noisy).toBeUndefined();
    expect(result.baseline.c50.reqPerSec).toEqual({ min: 48_000, median: 50_000, max: 52_000 });
    expect(result.baseline.costRatio).toBe(1);
    const honoReport = result.servers[1]!;
    expect(honoReport.costRatio).toBeCloseTo(50_000 / 31_000, 12);
    expect(honoReport.pairedCostRatios).toEqual([50_000 / 31_000, 48_000 / 30_000, 52_000 / 32_000]);
    expect(result.goals).toEqual({
      throughput: { value: null, max: 1.25, met: null },
      p99: { value: null, max: 2, met: null },
      idleRss: { value: null, max: 1.5, met: null },
    });
  });

  it("judges seqd on throughput, p99 and idle memory", () => {
    const seqd = server("seqd", "seqd", [44_000, 42_000, 45_000], { p99Ms: 4.4, idleMiB: 70 });
    const result = analyze([bare, hono, seqd]);
    expect(result.goals.throughput).toEqual({ value: 50_000 / 44_000, max: 1.25, met: true });
    expect(result.goals.p99).toEqual({ value: 4.4 / 2.4, max: 2, met: true });
    expect(result.goals.idleRss).toEqual({ value: 70 / 55, max: 1.5, met: true });
  });

  it("fails a goal that is missed", () => {
    const seqd = server("seqd", "seqd", [30_000, 30_000, 30_000], { p99Ms: 5, idleMiB: 90 });
    const { goals } = analyze([bare, hono, seqd]);
    expect([goals.throughput.met, goals.p99.met, goals.idleRss.met]).toEqual([false, false, false]);
  });

  it("calls the result noisy instead of judging when seqd or the baseline was not saturated", () => {
    const seqd = server("seqd", "seqd", [20_000, 44_000, 45_000], { cpu: 0.6 });
    const result = analyze([bare, hono, seqd]);
    expect(result.noisy).toBe("seqd: 3 of 3 c50 runs below 93 % server CPU (min 60 %)");
    expect(result.goals.throughput.met).toBeNull();
    expect(result.goals.p99.met).toBeNull();
    // Memory does not depend on CPU saturation.
    expect(result.goals.idleRss.met).toBe(true);
  });

  it("compares CPU per request, which holds when a server was not saturated", () => {
    // Half a core gave seqd 20k req/s: 40k per CPU-second against node-bare's 50k / 0.99.
    const seqd = server("seqd", "seqd", [20_000, 20_000, 20_000], { cpu: 0.5 });
    const result = analyze([bare, hono, seqd]);
    expect(result.baseline.cpuCostRatio).toBe(1);
    expect(result.seqd?.cpuCostRatio).toBeCloseTo(50_000 / 0.99 / 40_000, 12);
  });

  it("does not call the headline noisy for an unsaturated reference server", () => {
    const noisyHono = server("hono-bare", "reference", [31_000, 30_000, 32_000], { cpu: 0.5 });
    expect(analyze([bare, noisyHono]).noisy).toBeUndefined();
  });

  it("needs a baseline", () => {
    expect(() => analyze([hono])).toThrow("no baseline server");
  });
});
