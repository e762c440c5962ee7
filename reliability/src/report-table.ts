import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ReliabilityMode } from "./mode.js";

/** The figures every suite reports. */
export interface SuiteCounts {
  iterations: number;
  faultsInjected: number;
  duplicates: number;
  losses: number;
  crashes: number;
  /** Secret-leak scan hits over everything the suite captured. */
  leaks: number;
}

/** What one suite measured: the row it contributes to docs/reliability.md. */
export interface SuiteTally extends SuiteCounts {
  suite: string;
  mode: ReliabilityMode;
  /** Anything a reader should know (an open entry, a skip reason). */
  note?: string;
}

/** Counts as a suite runs; `tally()` freezes them. */
export interface TallyCounter extends SuiteCounts {
  note: string | undefined;
  tally(): SuiteTally;
}

/** Starts counting for `suite`. */
export function createTally(suite: string, mode: ReliabilityMode): TallyCounter {
  const counter: TallyCounter = {
    iterations: 0,
    faultsInjected: 0,
    duplicates: 0,
    losses: 0,
    crashes: 0,
    leaks: 0,
    note: undefined,
    tally: () => {
      const { tally: _, note, ...counts } = counter;
      return { suite, mode, ...counts, ...(note === undefined ? {} : { note }) };
    },
  };
  return counter;
}

const COLUMNS = [
  "suite",
  "mode",
  "iterations",
  "faults injected",
  "duplicates",
  "losses",
  "crashes",
  "leaks",
];

/**
 * The markdown table of docs/reliability.md. A row with a note shows it after the suite name.
 *
 * @example renderReportTable([tally]) // "| suite | mode | iterations | …"
 */
export function renderReportTable(rows: readonly SuiteTally[]): string {
  const lines = [`| ${COLUMNS.join(" | ")} |`, `|${COLUMNS.map(() => "---").join("|")}|`];
  for (const row of rows) {
    const suite = row.note === undefined ? row.suite : `${row.suite} (${row.note})`;
    const cells = [
      suite,
      row.mode,
      row.iterations.toLocaleString("en-US"),
      row.faultsInjected.toLocaleString("en-US"),
      row.duplicates,
      row.losses,
      row.crashes,
      row.leaks,
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** Where suites leave their tallies (beside vitest's JSON report). */
export const TALLY_DIR = ".test-results/tallies";

/** Keeps a suite's daemon log beside the tallies, for whoever reads a failure. */
export async function keepLog(name: string, text: string, dir = TALLY_DIR): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/${name}`, text);
}

/** Writes one suite's tally as `<dir>/<suite>.json`. */
export async function writeTally(tally: SuiteTally, dir = TALLY_DIR): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = `${tally.suite.replace(/[^a-z0-9-]+/gi, "-")}.json`;
  await writeFile(join(dir, file), `${JSON.stringify(tally, null, 2)}\n`);
}

/** Every tally in `dir`, by suite name. */
export async function readTallies(dir = TALLY_DIR): Promise<SuiteTally[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(dir, name), "utf8")) as SuiteTally),
  );
}
