import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export { geometricMean, round, roundSpread, type Spread, spread } from "./stats.js";

/** Where every suite writes `<suite>.json`; committed when numbers change meaningfully. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

/** The machine a result was measured on: ratios are only comparable on the same kind. */
export interface Machine {
  cpus: number;
  model: string;
  memoryGiB: number;
  node: string;
  platform: string;
  kernel: string;
}

/** Describes the machine this process runs on. */
export function machineInfo(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    kernel: release(),
  };
}

/**
 * The fixed result shape of every suite. `ratio` is seqd's cost over the
 * baseline's (time per operation, or baseline req/s ÷ seqd req/s): lower is
 * better, and `goal` is the maximum ratio that meets the suite's goal (null
 * when the suite reports a cost without a goal). `seqd`, `ratio` and `met` are
 * null when seqd's side was not measured; `skipped` then says why.
 */
export interface SuiteResult {
  suite: string;
  unit: string;
  baseline: number | null;
  seqd: number | null;
  ratio: number | null;
  goal: number | null;
  met: boolean | null;
  date: string;
  machine: Machine;
  /** What the baseline and seqd columns measure, in a few words each. */
  baselineIs?: string;
  seqdIs?: string;
  /** Why the result should not be trusted (e.g. the server was not saturated); `met` is then null. */
  noisy?: string;
  /** Why seqd's side (or the whole suite) was not measured. */
  skipped?: string;
  details: unknown;
}

/** What a suite passes to writeResult: everything but the date and machine. */
export type SuiteResultInput = Omit<SuiteResult, "date" | "machine">;

/**
 * Writes `<dir>/<suite>.json` (bench/results by default) with the date and
 * machine added, the fixed fields first; returns what it wrote.
 */
export function writeResult<T extends SuiteResultInput>(
  result: T,
  dir = RESULTS_DIR,
): T & Pick<SuiteResult, "date" | "machine"> {
  const { suite, unit, baseline, seqd, ratio, goal, met } = result;
  // Fixed fields first, in this order, then the suite's own (assign keeps the key order).
  const head = { suite, unit, baseline, seqd, ratio, goal, met, date: new Date().toISOString() };
  const full = Object.assign(head, { machine: machineInfo() }, result);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

/** Prints rows as an aligned text table (first row is the header). */
export function printTable(rows: readonly (readonly string[])[]): void {
  for (const line of formatTable(rows)) console.log(line);
}

/** The lines printTable prints. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const header = rows[0];
  if (header === undefined) return [];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.slice(1).map(line)];
}

/** `value` with `digits` decimals, for tables. */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}
