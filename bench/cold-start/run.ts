/**
 * Cold-start benchmark: how long seqd takes to start, against starting node
 * itself in the same run.
 *
 *   node --import tsx bench/cold-start/run.ts
 *
 * Commands timed to their exit (`node -e 0`, `node --import tsx -e 0`,
 * `seqd --version`, `seqd validate` on the shipped configs) use hyperfine
 * when installed, else the in-process spawner (interleaved rounds). Servers
 * are timed from spawn to their first ready answer: a bare node:http server
 * and `seqd run` → `/readyz` 200 (the endpoint suite's seqd server).
 * There is no goal: the ratio reports what starting seqd costs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSpread } from "../lib/format.js";
import { fixed, printTable, round, roundSpread, type Spread, spread, writeResult } from "../lib/results.js";
import { seqdRunsFrom } from "../lib/seqd-build.js";
import {
  EXIT_COMMANDS,
  NODE,
  NODE_TSX,
  READY_MEASURES,
  REPO_DIR,
  type ReadyMeasure,
  SEQD_VALIDATE,
  SEQD_VERSION,
} from "./commands.js";
import { hyperfineRound, hyperfineVersion } from "./hyperfine.js";
import { sampleRounds, sequentially, timeExit, timeReady } from "./sampling.js";

const WARMUP = 2;
const RUNS = 10;

const hyperfine = hyperfineVersion();
const tool = `${hyperfine ?? "in-process spawner"}, ${RUNS} interleaved rounds after ${WARMUP} warm-up rounds`;
const seqdFrom = seqdRunsFrom();
console.log(`cold-start benchmark: timed with ${tool}; seqd runs from ${seqdFrom}\n`);

const exitSamples = await sampleRounds(
  EXIT_COMMANDS.length,
  { warmup: WARMUP, runs: RUNS },
  hyperfine === undefined
    ? sequentially(EXIT_COMMANDS.map((command) => () => timeExit(command, REPO_DIR)))
    : (order) =>
        hyperfineRound(
          order.map((index) => EXIT_COMMANDS[index]!),
          REPO_DIR,
        ),
);
const exitTimes = new Map(EXIT_COMMANDS.map((command, index) => [command.id, spread(exitSamples[index]!)]));
const ms = (id: string): Spread => exitTimes.get(id)!;

const measurable = READY_MEASURES.filter(
  (measure): measure is ReadyMeasure & { spec: NonNullable<ReadyMeasure["spec"]> } =>
    measure.spec !== undefined,
);
const scratch = mkdtempSync(join(tmpdir(), "seqd-bench-cold-start-"));
const readySamples = await sampleRounds(
  measurable.length,
  { warmup: WARMUP, runs: RUNS },
  sequentially(measurable.map((measure) => () => timeReady(measure, { cwd: REPO_DIR, scratch }))),
).finally(() => rmSync(scratch, { recursive: true, force: true }));
const readyTimes = new Map(measurable.map((measure, index) => [measure.id, spread(readySamples[index]!)]));
const readyBaseline = readyTimes.get(READY_MEASURES[0]!.id);

const node = ms(NODE.id);
printTable([
  ["measurement", "ms median (min–max)", "× baseline"],
  ...EXIT_COMMANDS.map((command) => [
    command.label,
    formatSpread(ms(command.id)),
    `${fixed(ms(command.id).median / node.median)}× node -e 0`,
  ]),
  ...READY_MEASURES.map((measure) => {
    const time = readyTimes.get(measure.id);
    if (time === undefined) return [measure.label, "not measured yet", "–"];
    const base =
      readyBaseline === undefined ? "–" : `${fixed(time.median / readyBaseline.median)}× node:http`;
    return [measure.label, formatSpread(time), base];
  }),
]);

// Where seqd's start-up goes, from differences of medians in this run. From the bundle, tsx is
// not loaded at all: seqd's own loading is `seqd --version` minus node.
const fromSources = seqdFrom === "sources (tsx)";
const loadedAfter = fromSources ? ms(NODE_TSX.id).median : node.median;
const breakdown = {
  nodeMs: node.median,
  tsxLoaderMs: fromSources ? ms(NODE_TSX.id).median - node.median : 0,
  seqdModulesMs: ms(SEQD_VERSION.id).median - loadedAfter,
  validateWorkMs: ms(SEQD_VALIDATE.id).median - ms(SEQD_VERSION.id).median,
};
const validate = ms(SEQD_VALIDATE.id).median;
const share = (part: number) => `${((part / validate) * 100).toFixed(0)} %`;
const part = (label: string, value: number, note = "") =>
  console.log(`  ${label.padEnd(27)}${fixed(value, 0).padStart(5)} ms  ${share(value)}${note}`);
console.log(`\nseqd validate: ${fixed(validate, 0)} ms =`);
part("node start-up", breakdown.nodeMs);
if (fromSources) part("tsx loader registration", breakdown.tsxLoaderMs);
part(
  "loading seqd's modules",
  breakdown.seqdModulesMs,
  fromSources ? "  (TypeScript through tsx)" : "  (the prebuilt bundle)",
);
part(`validate itself (${SEQD_VALIDATE.args.length - 2} configs)`, breakdown.validateWorkMs);

const ratio = validate / node.median;
writeResult({
  suite: "cold-start",
  unit: "ms (median wall time)",
  baseline: round(node.median, 1),
  seqd: round(validate, 1),
  ratio: round(ratio),
  goal: null,
  met: null,
  baselineIs: NODE.label,
  seqdIs: SEQD_VALIDATE.label,
  details: {
    tool,
    seqdRunsFrom: seqdFrom,
    warmup: WARMUP,
    runs: RUNS,
    commands: EXIT_COMMANDS.map((command) => ({
      id: command.id,
      label: command.label,
      ms: roundSpread(ms(command.id), 1),
      ratioToNode: round(ms(command.id).median / node.median),
    })),
    ready: READY_MEASURES.map((measure) => {
      const time = readyTimes.get(measure.id);
      if (time === undefined) return { id: measure.id, label: measure.label, status: measure.notMeasured };
      return {
        id: measure.id,
        label: measure.label,
        status: "measured",
        ms: roundSpread(time, 1),
        ratioToNodeHttp: readyBaseline === undefined ? null : round(time.median / readyBaseline.median),
      };
    }),
    breakdownMs: {
      nodeStartup: round(breakdown.nodeMs, 1),
      tsxLoader: round(breakdown.tsxLoaderMs, 1),
      seqdModules: round(breakdown.seqdModulesMs, 1),
      validateWork: round(breakdown.validateWorkMs, 1),
    },
  },
});
console.log("\nwrote bench/results/cold-start.json");
