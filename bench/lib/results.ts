import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where every suite writes `<suite>.json`; committed when numbers change meaningfully. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

export interface Machine {
  cpus: number;
  model: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machineInfo(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * The fixed result shape of every suite. `ratio` is seqd's cost over the
 * baseline's (time per operation, or baseline req/s ÷ seqd req/s): lower is
 * better, and `goal` is the maximum ratio that meets the suite's goal.
 */
export interface SuiteResult {
  suite: string;
  baseline: number;
  seqd: number;
  ratio: number;
  goal: number | null;
  met: boolean | null;
  unit: string;
  date: string;
  machine: Machine;
  /** Why the result should not be trusted (e.g. the server was not saturated). */
  noisy?: string;
  details: unknown;
}

export function writeResult(result: Omit<SuiteResult, "date" | "machine">): SuiteResult {
  const full: SuiteResult = { ...result, date: new Date().toISOString(), machine: machineInfo() };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.suite}.json`), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new RangeError("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** Prints rows as an aligned text table (first row is the header). */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  console.log(line(rows[0]!));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}

export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}
