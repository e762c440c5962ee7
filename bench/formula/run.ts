/**
 * Formula benchmark: seqd-compiled formulas against hand-written JavaScript
 * doing the same exact arithmetic on the same inputs, in one process.
 *
 *   node --import tsx bench/formula/run.ts            all formulas, writes bench/results/formula.json
 *   node --import tsx bench/formula/run.ts top-up     only formulas whose name contains "top-up" (no file)
 *
 * Every measured function runs in its own copy of the timing loop (see
 * loop.ts), after warm-up. Inputs change every PER_SET evaluations (64
 * balance/context sets); results are summed and the sums of the two sides
 * must match, so neither side can be dead-code eliminated or compute
 * something different.
 */
import { compileFormula, createFormulaEnv } from "@seqd/rules-engine";
import { formatSpread } from "../lib/format.js";
import { createRandom } from "../lib/random.js";
import {
  fixed,
  geometricMean,
  printTable,
  round,
  roundSpread,
  type Spread,
  spread,
  writeResult,
} from "../lib/results.js";
import { ACCOUNTS, type BenchCase, CASES } from "./cases.js";

const EVALUATIONS = 1_000_000;
const SETS = 64;
const PER_SET = EVALUATIONS / SETS;
const RUNS = 5;
const WARMUP_CALLS = 3_000;
const WARMUP_RUNS = 2;
const COMPILES_PER_RUN = 2_000;
const GOAL_RATIO = 1.5;
const GOAL_COMPILE_MICROS = 50;

// Inputs: balances in cents and the context values, identical for both sides.
const { int } = createRandom(20260307);
const inputSets = Array.from({ length: SETS }, () => ({
  checking: int(0, 1_000_000),
  savings: int(0, 2_000_000),
  dayOfMonth: int(1, 28),
  dayOfWeek: int(0, 6),
  month: int(1, 12),
  hour: int(0, 23),
}));

const env = createFormulaEnv({ accounts: ACCOUNTS });
const cents = new Float64Array(ACCOUNTS.length);
const context = new Float64Array(4);

function apply(set: number): void {
  const input = inputSets[set]!;
  env.setBalance("checking", input.checking);
  env.setBalance("savings", input.savings);
  env.setContext(input);
  cents[0] = input.checking;
  cents[1] = input.savings;
  context[0] = input.dayOfMonth;
  context[1] = input.dayOfWeek;
  context[2] = input.month;
  context[3] = input.hour;
}

let sink = 0;

type Measure = typeof import("./loop.js").measure;

/** A fresh instance of loop.ts: its own call site, so its own type feedback. */
async function loopFor(site: string): Promise<Measure> {
  const url = new URL(`./loop.ts?site=${encodeURIComponent(site)}`, import.meta.url);
  const module = (await import(url.href)) as typeof import("./loop.js");
  return module.measure;
}

/** Microseconds per compile (and per bind) of `source`. */
function compileCost(benchCase: BenchCase): { compile: Spread; bind: Spread } {
  const compileRuns: number[] = [];
  const bindRuns: number[] = [];
  const options = { expect: benchCase.expect, accounts: ACCOUNTS };
  for (let run = 0; run < RUNS + 1; run++) {
    let start = process.hrtime.bigint();
    let last: ReturnType<typeof compileFormula> | undefined;
    for (let i = 0; i < COMPILES_PER_RUN; i++) last = compileFormula(benchCase.source, options);
    const compiled = Number(process.hrtime.bigint() - start) / COMPILES_PER_RUN / 1000;
    if (!last?.ok) throw new Error(`benchmark formula does not compile: ${benchCase.source}`);
    const formula = last.formula;
    start = process.hrtime.bigint();
    for (let i = 0; i < COMPILES_PER_RUN; i++) sink += typeof formula.bind(env) === "function" ? 1 : 0;
    const bound = Number(process.hrtime.bigint() - start) / COMPILES_PER_RUN / 1000;
    // The first run warms the compiler itself up.
    if (run > 0) {
      compileRuns.push(compiled);
      bindRuns.push(bound);
    }
  }
  return { compile: spread(compileRuns), bind: spread(bindRuns) };
}

const filter = process.argv[2];
const selected = CASES.filter((benchCase) => filter === undefined || benchCase.name.includes(filter));
const timings = [];
for (const [index, benchCase] of selected.entries()) {
  const compiled = compileFormula(benchCase.source, { expect: benchCase.expect, accounts: ACCOUNTS });
  if (!compiled.ok) throw new Error(`benchmark formula does not compile: ${JSON.stringify(compiled.errors)}`);
  const seqd = compiled.formula.bind(env);
  const handWritten = benchCase.handWritten(cents, context);
  const measureBaseline = await loopFor(`${index}-hand-written`);
  const measureSeqd = await loopFor(`${index}-seqd`);
  const time = (measure: Measure, run: () => number | boolean): { ns: number; checksum: number } => {
    const result = measure(run, apply, SETS, PER_SET);
    sink = (sink + result.checksum) % 1_000_003;
    return result;
  };
  // Short calls first: V8 then optimizes each loop as a whole with complete
  // feedback, instead of on-stack-replacing it mid-run and deoptimizing it at
  // the first line after the loop (which made timings bimodal).
  for (let i = 0; i < WARMUP_CALLS; i++) {
    measureBaseline(handWritten, apply, 1, 64);
    measureSeqd(seqd, apply, 1, 64);
  }
  for (let i = 0; i < WARMUP_RUNS; i++) {
    time(measureBaseline, handWritten);
    time(measureSeqd, seqd);
  }
  const baselineRuns: number[] = [];
  const seqdRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved so drift (thermal, other load) hits both sides alike.
    const base = time(measureBaseline, handWritten);
    const ours = time(measureSeqd, seqd);
    if (base.checksum !== ours.checksum) {
      throw new Error(`${benchCase.name}: results differ (${base.checksum} vs ${ours.checksum})`);
    }
    baselineRuns.push(base.ns);
    seqdRuns.push(ours.ns);
  }
  const baseline = spread(baselineRuns);
  const ours = spread(seqdRuns);
  timings.push({
    name: benchCase.name,
    source: benchCase.source,
    expect: benchCase.expect,
    baseline,
    seqd: ours,
    ratio: ours.median / baseline.median,
  });
}
// Compile costs last, so compiling does not disturb the evaluation timings.
const costs = selected.map(compileCost);
const results = timings.map((timing, index) => ({ ...timing, ...costs[index]! }));

const baselineMean = geometricMean(results.map((r) => r.baseline.median));
const seqdMean = geometricMean(results.map((r) => r.seqd.median));
const ratio = seqdMean / baselineMean;
const worstCompile = Math.max(...results.map((r) => r.compile.median + r.bind.median));

console.log(
  `formula benchmark: ${EVALUATIONS.toLocaleString("en-US")} evaluations per run, median of ${RUNS} runs`,
);
console.log("ns per evaluation: median (min–max)\n");
printTable([
  ["formula", "hand-written ns", "seqd ns", "ratio", "compile µs", "bind µs"],
  ...results.map((r) => [
    r.name,
    formatSpread(r.baseline),
    formatSpread(r.seqd),
    fixed(r.ratio),
    fixed(r.compile.median, 1),
    fixed(r.bind.median, 1),
  ]),
]);
console.log(
  `\ngeometric mean: hand-written ${fixed(baselineMean)} ns, seqd ${fixed(seqdMean)} ns, ratio ${fixed(ratio)} (goal ≤ ${GOAL_RATIO})`,
);
console.log(`slowest compile + bind: ${fixed(worstCompile, 1)} µs (goal ≤ ${GOAL_COMPILE_MICROS} µs)`);

if (filter === undefined) {
  writeResult({
    suite: "formula",
    unit: "ns per evaluation",
    baseline: round(baselineMean),
    seqd: round(seqdMean),
    ratio: round(ratio, 3),
    goal: GOAL_RATIO,
    met: ratio <= GOAL_RATIO,
    baselineIs: "hand-written JavaScript doing the same exact arithmetic and checks",
    seqdIs: "the formula compiled by @seqd/rules-engine, bound to an environment",
    details: {
      compile: {
        unit: "µs per formula (compile + bind, slowest formula)",
        worst: round(worstCompile),
        goal: GOAL_COMPILE_MICROS,
        met: worstCompile <= GOAL_COMPILE_MICROS,
      },
      statistic: "geometric mean over the formulas of each side's median run",
      evaluations: EVALUATIONS,
      runs: RUNS,
      method:
        "each function timed in its own copy of the timing loop (monomorphic call site) after warm-up; " +
        "64 input sets switched every 15 625 evaluations; hand-written and seqd results summed and required equal",
      formulas: results.map((r) => ({
        name: r.name,
        source: r.source,
        expect: r.expect,
        baseline: roundSpread(r.baseline),
        seqd: roundSpread(r.seqd),
        ratio: round(r.ratio, 3),
        compileMicros: round(r.compile.median),
        bindMicros: round(r.bind.median),
      })),
    },
  });
  console.log(`\nwrote bench/results/formula.json (checksum sink ${sink})`);
} else {
  console.log(`\nsubset "${filter}": bench/results/formula.json left unchanged (checksum sink ${sink})`);
}
