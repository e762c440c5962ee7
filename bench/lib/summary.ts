import { formatGoal, formatQuantity, formatRatio } from "./format.js";
import { type LoadedResult, verdict } from "./load-result.js";

/** How one suite's run went, as the runner saw it. */
export type SuiteOutcome =
  | { suite: string; status: "ran"; seconds: number; result: LoadedResult }
  | { suite: string; status: "failed"; seconds: number; reason: string }
  | { suite: string; status: "missing"; reason: string };

const HEADER = ["suite", "baseline", "seqd", "unit", "ratio", "goal", "met/noisy"] as const;

function resultCells(result: LoadedResult): string[] {
  return [
    formatQuantity(result.baseline),
    formatQuantity(result.seqd),
    result.unit,
    formatRatio(result.ratio),
    formatGoal(result.goal),
  ];
}

/** The rows of the summary table the runner prints after the suites (header first). */
export function summaryRows(outcomes: readonly SuiteOutcome[]): string[][] {
  const rows: string[][] = [[...HEADER, "time"]];
  for (const outcome of outcomes) {
    switch (outcome.status) {
      case "ran":
        rows.push([
          outcome.suite,
          ...resultCells(outcome.result),
          verdict(outcome.result),
          `${outcome.seconds.toFixed(0)} s`,
        ]);
        break;
      case "failed":
        rows.push([outcome.suite, "–", "–", "", "–", "", outcome.reason, `${outcome.seconds.toFixed(0)} s`]);
        break;
      case "missing":
        rows.push([outcome.suite, "–", "–", "", "–", "", outcome.reason, ""]);
        break;
      default:
        throw new Error(`unhandled outcome ${JSON.stringify(outcome satisfies never)}`);
    }
  }
  return rows;
}

/** Notes worth a line under the summary: noise and what was not measured. */
export function resultNotes(results: readonly LoadedResult[]): string[] {
  const notes: string[] = [];
  for (const result of results) {
    if (result.skipped !== undefined) notes.push(`${result.suite}: ${result.skipped}`);
    if (result.noisy !== undefined) notes.push(`${result.suite}: noisy: ${result.noisy}`);
  }
  return notes;
}

const cell = (value: string): string => value.replaceAll("|", "\\|").replaceAll("\n", " ");

/** `2026-11-25T19:44:47.836Z` → `2026-11-25 19:44 UTC`. */
function shortDate(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/**
 * `bench/results/README.md`: the latest result of every suite, linking each
 * JSON file, with what each side measures and any noise or gaps spelled out.
 */
export function renderResultsReadme(results: readonly LoadedResult[]): string {
  const lines = [
    "# Benchmark results",
    "",
    "Written by `pnpm bench` (method and how to read the numbers: [docs/benchmarks.md](../../docs/benchmarks.md)).",
    "`ratio` is seqd's cost over the baseline's, measured side by side in the same run:",
    "time per operation, or baseline req/s ÷ seqd req/s. Lower is better; `goal` is the maximum.",
    "",
    `| ${HEADER.join(" | ")} | date | machine |`,
    `|${" --- |".repeat(HEADER.length + 2)}`,
  ];
  for (const result of results) {
    const cells = [
      `[${result.suite}](${result.suite}.json)`,
      ...resultCells(result),
      verdict(result),
      shortDate(result.date),
      result.machine,
    ];
    lines.push(`| ${cells.map(cell).join(" | ")} |`);
  }
  const compared = results.filter((r) => r.baselineIs !== undefined || r.seqdIs !== undefined);
  if (compared.length > 0) {
    lines.push("", "## What each suite compares", "");
    for (const r of compared) {
      lines.push(
        `- **${r.suite}**: baseline = ${r.baselineIs ?? "see the JSON"}; seqd = ${r.seqdIs ?? "see the JSON"}.`,
      );
    }
  }
  const notes = resultNotes(results);
  if (notes.length > 0) lines.push("", "## Notes", "", ...notes.map((note) => `- ${note}`));
  return `${lines.join("\n")}\n`;
}
