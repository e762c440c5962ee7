import type { Config, ConfigIssue } from "@seqd/rules-engine";
import type { LoadedConfigPath } from "../../config/index.js";

/** What `validate` concluded about one config. */
export interface ConfigVerdict {
  loaded: LoadedConfigPath;
  valid: boolean;
  errors: number;
  warnings: number;
}

/** A config is valid without errors, and under `--strict` also without warnings. */
export function judge(loaded: LoadedConfigPath, strict: boolean): ConfigVerdict {
  const errors = loaded.issues.filter((issue) => issue.severity === "error").length;
  const warnings = loaded.issues.length - errors;
  const valid = loaded.config !== undefined && errors === 0 && (!strict || warnings === 0);
  return { loaded, valid, errors, warnings };
}

/**
 * The text report, amtool-style: one `path:line:col: severity: message [code]` line per
 * problem with its hint indented below, a summary line per config, then one overall line.
 */
export function renderText(
  verdicts: readonly ConfigVerdict[],
  options: { strict: boolean; secrets: boolean },
): string {
  const lines: string[] = [];
  for (const verdict of verdicts) {
    for (const issue of verdict.loaded.issues) {
      lines.push(formatIssue(issue));
      if (issue.hint) lines.push(`  hint: ${issue.hint}`);
    }
    lines.push(summaryLine(verdict, options));
  }
  const valid = verdicts.filter((v) => v.valid).length;
  lines.push(`${plural(verdicts.length, "config")}: ${valid} valid, ${verdicts.length - valid} invalid`);
  return `${lines.join("\n")}\n`;
}

/** `file:line:col: severity: message [code]`, or `path: severity: …` for problems with no position. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return `${where}: ${issue.severity}: ${issue.message} [${issue.code}]`;
}

function summaryLine(verdict: ConfigVerdict, options: { strict: boolean; secrets: boolean }): string {
  const { loaded, errors, warnings } = verdict;
  const config = loaded.config;
  if (!verdict.valid || !config) {
    const counts = [plural(errors, "error"), plural(warnings, "warning")].join(", ");
    return `${loaded.path}: invalid${errors === 0 && options.strict ? " under --strict" : ""}: ${counts}`;
  }
  const withWarnings = warnings > 0 ? ` with ${plural(warnings, "warning")}` : "";
  const secrets = options.secrets ? `; ${plural(loaded.secrets?.size ?? 0, "secret")} resolved` : "";
  return `${loaded.path}: valid${withWarnings}: ${describeConfig(config)}${secrets} (config ${config.hash.slice(0, 12)})`;
}

function describeConfig(config: Config): string {
  return [
    plural(config.accounts.size, "account"),
    plural(config.rules.size, "rule"),
    plural(config.triggers.size, "trigger"),
    plural(config.amounts.size, "amount"),
    plural(config.tests.length, "test"),
  ].join(", ");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * The `--format json` document. Stable: fields are only ever added. `version` is the
 * document format's version; `line`/`col` are 1-based, 0 when a problem has no position.
 */
export function renderJson(
  verdicts: readonly ConfigVerdict[],
  options: { strict: boolean; secrets: boolean },
): string {
  const configs = verdicts.map(({ loaded, valid, errors, warnings }) => ({
    path: loaded.path,
    files: loaded.files,
    valid,
    hash: loaded.config?.hash ?? null,
    counts: loaded.config
      ? {
          accounts: loaded.config.accounts.size,
          rules: loaded.config.rules.size,
          triggers: loaded.config.triggers.size,
          amounts: loaded.config.amounts.size,
          tests: loaded.config.tests.length,
        }
      : null,
    ...(options.secrets ? { secretsResolved: loaded.secrets?.size ?? 0 } : {}),
    errors,
    warnings,
    issues: loaded.issues.map((issue) => ({
      file: issue.file,
      line: issue.line,
      col: issue.col,
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
      ...(issue.hint ? { hint: issue.hint } : {}),
    })),
  }));
  const document = {
    version: 1,
    valid: verdicts.every((v) => v.valid),
    strict: options.strict,
    secrets: options.secrets,
    configs,
    summary: {
      configs: verdicts.length,
      valid: verdicts.filter((v) => v.valid).length,
      invalid: verdicts.filter((v) => !v.valid).length,
      errors: verdicts.reduce((sum, v) => sum + v.errors, 0),
      warnings: verdicts.reduce((sum, v) => sum + v.warnings, 0),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
