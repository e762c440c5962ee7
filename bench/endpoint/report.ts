/** How the endpoint suite prints its figures and shapes them for the JSON. */
import { formatQuantity, formatSpread } from "../lib/format.js";
import { fixed, printTable, round, roundSpread } from "../lib/results.js";
import type { EndpointAnalysis, GoalVerdict, LoadSample, ServerReport, ServerRuns } from "./analyze.js";

/** All goals met: true or false only when seqd was measured, every run was valid and every goal judged. */
export function overallMet(analysis: EndpointAnalysis): boolean | null {
  const verdicts = Object.values(analysis.goals).map((goal) => goal.met);
  if (analysis.seqd === undefined || analysis.noisy !== undefined || verdicts.includes(null)) return null;
  return verdicts.every((met) => met === true);
}

const percent = (fraction: number | null): string =>
  fraction === null ? "–" : `${(fraction * 100).toFixed(0)} %`;

/** One line per load run, printed as the suite goes. */
export function progressLine(name: string, s: LoadSample): string {
  const validity = s.valid ? "" : "  NOT SATURATED";
  return (
    `${name.padEnd(10)} c${s.connections}: ${formatQuantity(s.reqPerSec)} req/s, ` +
    `p50 ${fixed(s.p50Ms)} ms, p99 ${fixed(s.p99Ms)} ms, server CPU ${percent(s.serverCpu)}, ` +
    `wrk CPU ${percent(s.generatorCpu)}${validity}`
  );
}

function sampleDetails(s: LoadSample) {
  return {
    ...s,
    reqPerSec: Math.round(s.reqPerSec),
    p50Ms: round(s.p50Ms, 3),
    p99Ms: round(s.p99Ms, 3),
    maxMs: round(s.maxMs, 3),
    serverCpu: round(s.serverCpu, 3),
    generatorCpu: s.generatorCpu === null ? null : round(s.generatorCpu, 3),
  };
}

/** One server's figures for the JSON, rounded, with every run. */
export function serverDetails(server: ServerReport, runs: ServerRuns) {
  const { c50, c1, memory } = server;
  return {
    ...server,
    c50: {
      ...c50,
      reqPerSec: roundSpread(c50.reqPerSec, 0),
      p50Ms: round(c50.p50Ms, 3),
      p99Ms: round(c50.p99Ms, 3),
      serverCpu: roundSpread(c50.serverCpu, 3),
      generatorCpuMax: c50.generatorCpuMax === null ? null : round(c50.generatorCpuMax, 3),
    },
    c1:
      c1 === null
        ? null
        : { reqPerSec: Math.round(c1.reqPerSec), p50Ms: round(c1.p50Ms, 3), p99Ms: round(c1.p99Ms, 3) },
    memory: {
      idleMiB: round(memory.idleMiB, 1),
      afterMiB: round(memory.afterMiB, 1),
      peakMiB: round(memory.peakMiB, 1),
    },
    costRatio: round(server.costRatio, 3),
    pairedCostRatios: server.pairedCostRatios.map((r) => round(r, 3)),
    cpuCostRatio: round(server.cpuCostRatio, 3),
    runs: [...runs.c50, ...(runs.c1 === undefined ? [] : [runs.c1])].map(sampleDetails),
  };
}

function goalLine(label: string, goal: GoalVerdict): string {
  const value = goal.value === null ? "–" : `${fixed(goal.value)}×`;
  const outcome =
    goal.value === null ? "not measured yet" : goal.met === null ? "noisy" : goal.met ? "met" : "NOT met";
  return `${label}: ${value} (goal ≤ ${goal.max}×): ${outcome}`;
}

/** The suite's table (one row per server, seqd's even when not measured) and its goals. */
export function printReport(analysis: EndpointAnalysis): void {
  console.log("");
  printTable([
    [
      "server",
      "c50 req/s med (min–max)",
      "cost vs node-bare (paired)",
      "CPU/request vs node-bare",
      "c50 p50 / p99 ms",
      "c1 req/s, p50 / p99 ms",
      "server CPU min",
      "RSS idle / after / peak MiB",
    ],
    ...analysis.servers.map((s) => [
      s.name,
      formatSpread(s.c50.reqPerSec),
      `${fixed(s.costRatio)}× (${s.pairedCostRatios.map((r) => fixed(r)).join(", ")})`,
      `${fixed(s.cpuCostRatio)}×`,
      `${fixed(s.c50.p50Ms)} / ${fixed(s.c50.p99Ms)}`,
      s.c1 === null ? "–" : `${formatQuantity(s.c1.reqPerSec)}, ${fixed(s.c1.p50Ms)} / ${fixed(s.c1.p99Ms)}`,
      `${percent(s.c50.serverCpu.min)}${s.c50.invalidRuns > 0 ? " (noisy)" : ""}`,
      `${s.memory.idleMiB.toFixed(0)} / ${s.memory.afterMiB.toFixed(0)} / ${s.memory.peakMiB.toFixed(0)}`,
    ]),
    ...(analysis.seqd === undefined ? [["seqd", "not measured yet", "–", "–", "–", "–", "–", "–"]] : []),
  ]);
  const { throughput, p99, idleRss } = analysis.goals;
  console.log("");
  console.log(goalLine("throughput, node-bare req/s ÷ seqd req/s", throughput));
  console.log(goalLine("latency, seqd c50 p99 ÷ node-bare c50 p99", p99));
  console.log(goalLine("memory, seqd idle RSS ÷ hono-bare idle RSS", idleRss));
  if (analysis.seqd !== undefined) {
    console.log(
      `CPU per request, seqd ÷ node-bare: ${fixed(analysis.seqd.cpuCostRatio)}× (not a goal; holds when runs are noisy)`,
    );
  }
  if (analysis.noisy !== undefined) console.log(`noisy: ${analysis.noisy}`);
}
