import { accountsNeedSequence } from "./build/account-checks.js";
import { buildAccounts, buildRules } from "./build/accounts-rules.js";
import { buildAmounts } from "./build/amounts.js";
import type { BuildContext } from "./build/context.js";
import type { IdSet } from "./build/references.js";
import { warnScheduleHazards } from "./build/schedule-warnings.js";
import { buildSettings, checkVersion } from "./build/settings.js";
import { buildTests } from "./build/tests.js";
import { buildTriggers } from "./build/triggers.js";
import { configHash } from "./hash.js";
import { type ConfigIssue, createIssue, sortIssues } from "./issues.js";
import { LIMITS } from "./limits.js";
import { type IdSection, type MergedConfig, mergeFiles } from "./merge.js";
import type { Config } from "./model.js";
import { type ConfigSource, parseYamlFile } from "./parse-yaml.js";
import { translateSchemaErrors } from "./schema/translate-errors.js";
import { configSchema, validateAgainstSchema } from "./schema/validate-schema.js";
import type { DataPath, ParsedFile } from "./yaml-nodes.js";

export interface LoadConfigOptions {
  /** "Now" for checks that look ahead: DST hazards and same-minute collisions in the next 12 months. */
  now: Date;
}

export type LoadConfigResult =
  | { ok: true; config: Config; warnings: ConfigIssue[] }
  | { ok: false; issues: ConfigIssue[] };

/**
 * Loads one config from its files (several files merge into one config). Pure: the
 * caller reads the files. Validation is two-phase, like alertmanager's: every file is
 * checked against the JSON Schema (unknown keys, types, shapes), then the merged config
 * is checked for meaning (references, cron, time zones, hysteresis, paths, tests).
 * Collects every problem with its `file:line:col`; never throws on bad input.
 *
 * @example
 * const result = loadConfig([{ path: "seqd.yaml", text }], { now: new Date() });
 * if (!result.ok) for (const i of result.issues) console.log(`${i.file}:${i.line}:${i.col}: ${i.message}`);
 */
export function loadConfig(sources: readonly ConfigSource[], options: LoadConfigOptions): LoadConfigResult {
  if (sources.length === 0) {
    return {
      ok: false,
      issues: [createIssue("file-empty", { file: "", line: 0, col: 0 }, "no config files were given")],
    };
  }
  const issues: ConfigIssue[] = [];
  const files: ParsedFile[] = [];
  for (const source of sources) {
    const parsed = parseYamlFile(source);
    issues.push(...parsed.issues);
    if (parsed.file) files.push(parsed.file);
  }
  const { schema } = configSchema();
  const schemaErrors = new Map<ParsedFile, DataPath[]>();
  let omitted = 0;
  for (const file of files) {
    const translated = translateSchemaErrors(file, schema, validateAgainstSchema(file.data));
    issues.push(...translated.issues);
    omitted += translated.omitted;
    schemaErrors.set(file, translated.paths);
  }
  // References can only be judged when every file of the config parsed.
  const config =
    files.length === sources.length ? buildConfig(files, schemaErrors, options, issues) : undefined;
  const sorted = capIssues(
    sortIssues(
      issues,
      sources.map((source) => source.path),
    ),
    omitted,
  );
  if (!config || sorted.some((issue) => issue.severity === "error")) return { ok: false, issues: sorted };
  return { ok: true, config, warnings: sorted };
}

function buildConfig(
  files: readonly ParsedFile[],
  schemaErrors: ReadonlyMap<ParsedFile, readonly DataPath[]>,
  options: LoadConfigOptions,
  issues: ConfigIssue[],
): Config {
  const { merged, issues: mergeIssues } = mergeFiles(files);
  issues.push(...mergeIssues);
  const ctx: BuildContext = {
    now: options.now,
    issues,
    schemaErrors,
    schedules: new Map(),
  };
  const settings = buildSettings(ctx, merged);
  checkVersion(ctx, merged, settings);
  const accounts = buildAccounts(ctx, merged);
  accountsNeedSequence(ctx, merged, settings.sequence !== undefined);
  const rules = buildRules(ctx, merged);
  const formulas = {
    accounts: [...merged.sections.accounts.keys()],
    timezone: settings.timezoneInvalid ? undefined : settings.timezone,
    timezoneInvalid: settings.timezoneInvalid,
  };
  const triggers = buildTriggers(ctx, merged, {
    rules: idSet(merged, "rules", "rule"),
    accounts: idSet(merged, "accounts", "account"),
    accountConfigs: accounts,
    timezone: settings.timezone,
    timezoneInvalid: settings.timezoneInvalid,
    formulas,
    staleAfterMs: settings.polling.staleAfterMs,
  });
  warnScheduleHazards(ctx, triggers);
  const amounts = buildAmounts(ctx, merged, formulas);
  const tests = buildTests(ctx, merged, {
    accounts: idSet(merged, "accounts", "account"),
    triggers: idSet(merged, "triggers", "trigger"),
    amounts: idSet(merged, "amounts", "amount"),
    triggerConfigs: triggers,
    timezone: settings.timezone,
    timezoneInvalid: settings.timezoneInvalid,
  });
  const { hasVersion: _version, timezoneInvalid: _timezone, ...rest } = settings;
  const config = {
    version: 1 as const,
    files: files.map((file) => file.path),
    ...rest,
    accounts,
    rules,
    triggers,
    amounts,
    tests,
  };
  return { ...config, hash: configHash(config) };
}

/**
 * Keeps the first `LIMITS.maxIssues` problems and counts the rest in one more. `omitted`
 * counts raw schema errors never translated; some would have merged, hence "about".
 */
function capIssues(issues: ConfigIssue[], omitted: number): ConfigIssue[] {
  const first = issues[LIMITS.maxIssues];
  if (!first) return issues;
  const more = issues.length - LIMITS.maxIssues + omitted;
  return [
    ...issues.slice(0, LIMITS.maxIssues),
    createIssue(
      "too-many-issues",
      first,
      `${omitted > 0 ? "about " : ""}${more} more problem${more === 1 ? "" : "s"} not shown`,
      "fix the problems above first; they often cause the rest",
    ),
  ];
}

function idSet(merged: MergedConfig, section: IdSection, kind: string): IdSet {
  return { kind, section, ids: new Set(merged.sections[section].keys()) };
}
