import type { Clock, Secret } from "@seqd/core";
import { type Config, type ConfigIssue, loadConfig, sortIssues } from "@seqd/rules-engine";
import { readConfigPath } from "./read-config-path.js";
import { resolveSecrets } from "./resolve-secrets.js";

/** The outcome for one path argument (one config). */
export interface LoadedConfigPath {
  /** The path argument, relative to the working directory. */
  path: string;
  /** The files that make up the config, in merge order. */
  files: string[];
  /** Set when the config loaded without errors (warnings allowed). */
  config?: Config;
  /** Resolved secrets by field (`rules.top-up.secret`), when asked for and all resolved. */
  secrets?: Map<string, Secret>;
  /** Every problem: read errors, config errors and warnings, secret errors; sorted. */
  issues: ConfigIssue[];
}

export interface LoadConfigPathsOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** Resolve secret references (env vars set, files readable); validate alone only checks syntax. */
  resolveSecrets?: boolean;
}

/**
 * Reads and loads each path argument as its own config (a directory is one config of
 * all its YAML files). The imperative shell around rules-engine's pure `loadConfig`.
 */
export async function loadConfigPaths(
  paths: readonly string[],
  options: LoadConfigPathsOptions,
): Promise<LoadedConfigPath[]> {
  const results: LoadedConfigPath[] = [];
  for (const path of paths) {
    results.push(await loadConfigPath(path, options));
  }
  return results;
}

async function loadConfigPath(path: string, options: LoadConfigPathsOptions): Promise<LoadedConfigPath> {
  const read = await readConfigPath(path, { cwd: options.cwd });
  const files = read.sources.map((source) => source.path);
  // A config with an unreadable file is incomplete: judging the rest would report its ids as unknown.
  if (read.issues.length > 0) return { path: read.display, files, issues: read.issues };
  const loaded = loadConfig(read.sources, { now: options.clock.now() });
  if (!loaded.ok) return { path: read.display, files, issues: loaded.issues };
  if (!options.resolveSecrets) {
    return { path: read.display, files, config: loaded.config, issues: loaded.warnings };
  }
  const resolved = await resolveSecrets(loaded.config, { cwd: options.cwd, env: options.env });
  if (!resolved.ok) {
    return { path: read.display, files, issues: sortIssues([...loaded.warnings, ...resolved.issues], files) };
  }
  return {
    path: read.display,
    files,
    config: loaded.config,
    secrets: resolved.secrets,
    issues: loaded.warnings,
  };
}
