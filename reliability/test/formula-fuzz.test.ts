import type { BalanceReading } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { generateFormula } from "../src/formula-fuzz/generate-formula.js";
import { judgeFormula } from "../src/formula-fuzz/judge-formula.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { createRandom } from "../src/random.js";
import { createTally, writeTally } from "../src/report-table.js";

const NOW = new Date("2026-03-07T15:30:00Z");
const fresh = (cents: number): BalanceReading => ({ status: "ok", cents, at: NOW });

// Balances that reach the edges: zero, negative, huge, one stale-free failure.
const BALANCE_SETS: ReadonlyMap<string, BalanceReading>[] = [
  new Map([
    ["checking", fresh(250_000)],
    ["savings", fresh(1_000_000)],
  ]),
  new Map([
    ["checking", fresh(0)],
    ["savings", fresh(-5_000)],
  ]),
  new Map([
    ["checking", fresh(Number.MAX_SAFE_INTEGER)],
    ["savings", fresh(-Number.MAX_SAFE_INTEGER)],
  ]),
  new Map([
    ["checking", { status: "unavailable", reason: "HTTP 503", at: NOW }],
    ["savings", fresh(1)],
  ]),
];

describe("formula fuzz at the config boundary", () => {
  it("every random formula is a positioned load error, or answers a safe amount or a typed error", async () => {
    const mode = reliabilityMode();
    const cases = byMode({ short: 10_000, long: 200_000 }, mode);
    const findings: { seed: number; formula: string; detail: string }[] = [];
    const kinds = new Map<string, number>();
    for (let i = 0; i < cases; i++) {
      const seed = 90_000 + i;
      const formula = generateFormula(createRandom(seed));
      for (const outcome of judgeFormula(formula, BALANCE_SETS, NOW)) {
        kinds.set(outcome.kind, (kinds.get(outcome.kind) ?? 0) + 1);
        if (outcome.kind === "crash" || outcome.kind === "unsafe" || outcome.kind === "unpositioned") {
          findings.push({ seed, formula: formula.slice(0, 200), detail: outcome.detail });
        }
      }
    }
    const tally = createTally("formula fuzz", mode);
    tally.iterations = cases;
    tally.faultsInjected = cases;
    tally.crashes = findings.length;
    await writeTally(tally.tally());
    expect(findings).toEqual([]);
    // The generator must reach every path: load errors, amounts and typed runtime errors.
    expect(kinds.get("load-error")).toBeGreaterThan(cases / 10);
    expect(kinds.get("amount")).toBeGreaterThan(0);
    expect(kinds.get("typed-error")).toBeGreaterThan(0);
  }, 600_000);
});
