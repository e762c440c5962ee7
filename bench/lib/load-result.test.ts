import { describe, expect, it } from "vitest";
import { describeMachine, type LoadedResult, parseResult, verdict } from "./load-result.js";

const MACHINE = { cpus: 2, model: "AMD EPYC", memoryGiB: 24, node: "v20.20.2", platform: "linux-x64" };

describe("parseResult", () => {
  it("reads the fixed fields, the notes and the machine as one line", () => {
    const text = JSON.stringify({
      suite: "endpoint",
      unit: "req/s",
      baseline: 49_812,
      seqd: null,
      ratio: null,
      goal: 1.25,
      met: null,
      date: "2026-11-25T19:44:47.836Z",
      machine: MACHINE,
      skipped: "seqd not measured yet",
      baselineIs: "node:http",
      details: {},
    });
    expect(parseResult(text)).toEqual({
      suite: "endpoint",
      unit: "req/s",
      baseline: 49_812,
      seqd: null,
      ratio: null,
      goal: 1.25,
      met: null,
      date: "2026-11-25T19:44:47.836Z",
      machine: "2× AMD EPYC, 24 GiB, node v20.20.2",
      skipped: "seqd not measured yet",
      baselineIs: "node:http",
    });
  });

  it("loads an older file that lacks fields, without inventing values", () => {
    const parsed = parseResult(
      JSON.stringify({ suite: "store", baseline: 4711, machine: { cpuModel: "EPYC" } }),
    );
    expect(parsed).toMatchObject({ suite: "store", baseline: 4711, seqd: null, met: null, machine: "EPYC" });
  });

  it("refuses what is not a result", () => {
    expect(parseResult("{")).toEqual({ error: expect.stringMatching(/^not JSON/) });
    expect(parseResult("[]")).toEqual({ error: "not an object" });
    expect(parseResult('{"baseline":1}')).toEqual({ error: 'no "suite" field' });
  });
});

describe("describeMachine", () => {
  it("says unknown for a missing machine", () => {
    expect(describeMachine(undefined)).toBe("unknown machine");
  });
});

describe("verdict", () => {
  const base: LoadedResult = {
    suite: "formula",
    unit: "ns",
    baseline: 2,
    seqd: 3,
    ratio: 1.5,
    goal: 1.5,
    met: true,
    date: "",
    machine: "",
  };

  it("says met or NOT met only for a trusted result with a goal", () => {
    expect(verdict(base)).toBe("met");
    expect(verdict({ ...base, met: false })).toBe("NOT met");
    expect(verdict({ ...base, goal: null, met: null })).toBe("no goal");
  });

  it("puts not measured before noisy, and noisy before the goal", () => {
    expect(verdict({ ...base, noisy: "server at 41 % CPU" })).toBe("noisy");
    expect(verdict({ ...base, noisy: "x", skipped: "no wrk" })).toBe("not measured");
  });
});
