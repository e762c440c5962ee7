import { type ConfigIssue, loadConfig } from "@seqd/rules-engine";
import { judge, renderText } from "seqd/cli";

/** What loading one config text came to. `crash` and `unpositioned` are findings. */
export type CaseOutcome =
  | { kind: "valid" }
  | { kind: "invalid"; codes: string[] }
  | { kind: "unpositioned"; issues: string[] }
  | { kind: "crash"; error: string };

/** A positioned problem points into the file it came from, at line ≥ 1 and column ≥ 1. */
export function isPositioned(issue: ConfigIssue, file: string): boolean {
  return issue.file === file && issue.line >= 1 && issue.col >= 1;
}

/**
 * Runs `seqd validate`'s path on one text — `loadConfig`, then the verdict and the report it
 * prints — and classifies the result. Never throws: an exception is the `crash` outcome.
 */
export function judgeCase(path: string, text: string, now: Date): CaseOutcome {
  try {
    const loaded = loadConfig([{ path, text }], { now });
    const issues = loaded.ok ? loaded.warnings : loaded.issues;
    const verdict = judge(
      { path, files: [path], ...(loaded.ok ? { config: loaded.config } : {}), issues },
      false,
    );
    renderText([verdict], { strict: false, secrets: false });
    if (loaded.ok) return { kind: "valid" };
    const unpositioned = loaded.issues.filter((issue) => !isPositioned(issue, path));
    if (unpositioned.length > 0) {
      return {
        kind: "unpositioned",
        issues: unpositioned.map(
          (issue) => `${issue.file}:${issue.line}:${issue.col} [${issue.code}] ${issue.message}`,
        ),
      };
    }
    return { kind: "invalid", codes: [...new Set(loaded.issues.map((issue) => issue.code))] };
  } catch (error) {
    return { kind: "crash", error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
