import { describe, expect, it } from "vitest";
import type { EndpointAnalysis, LoadSample } from "./analyze.js";
import { overallMet, progressLine } from "./report.js";

const SAMPLE: LoadSample = {
  connections: 50,
  round: 1,
  reqPerSec: 49_812.4,
  p50Ms: 0.93,
  p99Ms: 2.38,
  maxMs: 10,
  serverCpu: 0.984,
  generatorCpu: 0.55,
  valid: true,
};

describe("progressLine", () => {
  it("shows rate, latency and both CPUs, and flags an unsaturated server", () => {
    expect(progressLine("node-bare", SAMPLE)).toBe(
      "node-bare  c50: 49,812 req/s, p50 0.93 ms, p99 2.38 ms, server CPU 98 %, wrk CPU 55 %",
    );
    expect(progressLine("seqd", { ...SAMPLE, serverCpu: 0.5, generatorCpu: null, valid: false })).toBe(
      "seqd       c50: 49,812 req/s, p50 0.93 ms, p99 2.38 ms, server CPU 50 %, wrk CPU –  NOT SATURATED",
    );
  });
});

describe("overallMet", () => {
  const goals = (met: [boolean | null, boolean | null, boolean | null]): EndpointAnalysis["goals"] => ({
    throughput: { value: 1, max: 1.25, met: met[0] },
    p99: { value: 1, max: 2, met: met[1] },
    idleRss: { value: 1, max: 1.5, met: met[2] },
  });
  const analysis = (
    met: [boolean | null, boolean | null, boolean | null],
    extra: Partial<EndpointAnalysis> = {},
  ): EndpointAnalysis =>
    ({
      servers: [],
      goals: goals(met),
      noisy: undefined,
      seqd: {},
      baseline: {},
      ...extra,
    }) as EndpointAnalysis;

  it("is true only when every goal is met", () => {
    expect(overallMet(analysis([true, true, true]))).toBe(true);
    expect(overallMet(analysis([true, false, true]))).toBe(false);
  });

  it("is null without seqd, when noisy, or when a goal could not be judged", () => {
    expect(overallMet(analysis([true, true, true], { seqd: undefined }))).toBeNull();
    expect(overallMet(analysis([true, true, true], { noisy: "x" }))).toBeNull();
    expect(overallMet(analysis([true, null, true]))).toBeNull();
  });
});
