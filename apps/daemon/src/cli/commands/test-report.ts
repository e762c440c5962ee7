import type { TestOutcome } from "@seqd/rules-engine";
import type { LoadedConfigPath } from "../../config/index.js";
import { formatIssue } from "./validate-report.js";

/** One config's part of a `seqd test` run. */
export type ConfigTestRun =
  | { loaded: LoadedConfigPath; outcomes: TestOutcome[] }
  | { loaded: LoadedConfigPath; outcomes: undefined };

/**
 * The report, like `promtool test rules`: a header per config, one line per test (✓/✗ and its
 * name), each failure under its test with the step, `file:line`, expected vs actual and why;
 * the last line is exactly `N passed, N failed`.
 */
export function renderTestReport(runs: readonly ConfigTestRun[]): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const run of runs) {
    lines.push(run.loaded.path);
    if (run.outcomes === undefined) {
      const errors = run.loaded.issues.filter((issue) => issue.severity === "error").length;
      lines.push(`  invalid config (${errors} error${errors === 1 ? "" : "s"}, see stderr): tests not run`);
      continue;
    }
    if (run.outcomes.length === 0) lines.push("  no tests");
    for (const outcome of run.outcomes) {
      if (outcome.passed) passed++;
      else failed++;
      lines.push(`  ${outcome.passed ? "✓" : "✗"} ${outcome.name}`);
      for (const failure of outcome.failures) {
        lines.push(`      step ${failure.step} at ${failure.at} (${failure.pos.file}:${failure.pos.line})`);
        lines.push(`        ${failure.check}: expected ${failure.expected}, got ${failure.actual}`);
        for (const note of failure.notes) lines.push(`          ${note}`);
      }
    }
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return `${lines.join("\n")}\n`;
}

/** Problems of each config for stderr: errors of invalid configs and warnings of valid ones. */
export function renderConfigIssues(configs: readonly LoadedConfigPath[]): string {
  const lines: string[] = [];
  for (const loaded of configs) {
    for (const issue of loaded.issues) {
      lines.push(formatIssue(issue));
      if (issue.hint) lines.push(`  hint: ${issue.hint}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
