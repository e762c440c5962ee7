import { describe, expect, it } from "vitest";
import type { LoadedResult } from "./load-result.js";
import { renderResultsReadme, resultNotes, summaryRows } from "./summary.js";

const FORMULA: LoadedResult = {
  suite: "formula",
  unit: "ns per evaluation",
  baseline: 2.56,
  seqd: 3.12,
  ratio: 1.22,
  goal: 1.5,
  met: true,
  date: "2026-11-25T20:12:03.120Z",
  machine: "2× AMD EPYC, 24 GiB, node v20.20.2",
  baselineIs: "hand-written JavaScript",
  seqdIs: "compiled formula",
};

const ENDPOINT: LoadedResult = {
  suite: "endpoint",
  unit: "req/s (c50 median)",
  baseline: 9325,
  seqd: null,
  ratio: null,
  goal: 1.25,
  met: null,
  date: "2026-11-25T20:16:50.000Z",
  machine: "2× AMD EPYC, 24 GiB, node v20.20.2",
  noisy: "node-bare: 3 of 3 c50 runs below 93 % server CPU",
  skipped: "seqd not measured yet",
};

describe("summaryRows", () => {
  it("has one row per suite, with the reason when a suite did not produce a result", () => {
    const rows = summaryRows([
      { suite: "formula", status: "ran", seconds: 2.4, result: FORMULA },
      { suite: "store", status: "failed", seconds: 12, reason: "failed (exit 1)" },
      { suite: "engine", status: "missing", reason: "missing: no bench/engine/run.ts" },
    ]);
    expect(rows).toEqual([
      ["suite", "baseline", "seqd", "unit", "ratio", "goal", "met/noisy", "time"],
      ["formula", "2.56", "3.12", "ns per evaluation", "1.22×", "≤ 1.5×", "met", "2 s"],
      ["store", "–", "–", "", "–", "", "failed (exit 1)", "12 s"],
      ["engine", "–", "–", "", "–", "", "missing: no bench/engine/run.ts", ""],
    ]);
  });
});

describe("resultNotes", () => {
  it("spells out what was not measured and what was noisy", () => {
    expect(resultNotes([FORMULA, ENDPOINT])).toEqual([
      "endpoint: seqd not measured yet",
      "endpoint: noisy: node-bare: 3 of 3 c50 runs below 93 % server CPU",
    ]);
  });
});

describe("renderResultsReadme", () => {
  it("tabulates the latest results, linking each JSON, with what each side is and the notes", () => {
    expect(renderResultsReadme([FORMULA, ENDPOINT])).toMatchInlineSnapshot(`
      "# Benchmark results

      Written by \`pnpm bench\` (method and how to read the numbers: [docs/benchmarks.md](../../docs/benchmarks.md)).
      \`ratio\` is seqd's cost over the baseline's, measured side by side in the same run:
      time per operation, or baseline req/s ÷ seqd req/s. Lower is better; \`goal\` is the maximum.

      | suite | baseline | seqd | unit | ratio | goal | met/noisy | date | machine |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      | [formula](formula.json) | 2.56 | 3.12 | ns per evaluation | 1.22× | ≤ 1.5× | met | 2026-11-25 20:12 UTC | 2× AMD EPYC, 24 GiB, node v20.20.2 |
      | [endpoint](endpoint.json) | 9,325 | – | req/s (c50 median) | – | ≤ 1.25× | not measured | 2026-11-25 20:16 UTC | 2× AMD EPYC, 24 GiB, node v20.20.2 |

      ## What each suite compares

      - **formula**: baseline = hand-written JavaScript; seqd = compiled formula.

      ## Notes

      - endpoint: seqd not measured yet
      - endpoint: noisy: node-bare: 3 of 3 c50 runs below 93 % server CPU
      "
    `);
  });
});
