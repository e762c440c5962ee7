import type { Clock, Secret } from "@seqd/core";
import {
  type Config,
  type ConfigIssue,
  type ConfigSource,
  compileRuntime,
  loadConfig,
  type Runtime,
  sortIssues,
} from "@seqd/rules-engine";
import { readConfigPath } from "../config/read-config-path.js";
import { resolveSecrets } from "../config/resolve-secrets.js";

/** A config the daemon can run: loaded, its secrets resolved, its runtime compiled. */
export interface DaemonConfig {
  /** The path argument as shown to the user. */
  path: string;
  config: Config;
  secrets: Map<string, Secret>;
  runtime: Runtime;
  /** The files as read, kept as the store's config snapshot. */
  sources: ConfigSource[];
  /** Warnings only (errors refuse the config). */
  warnings: ConfigIssue[];
}

export type DaemonConfigResult =
  | { ok: true; loaded: DaemonConfig }
  | { ok: false; path: string; issues: ConfigIssue[] };

export interface ReadDaemonConfigOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
}

/**
 * Reads, checks and compiles one config path (a file, or a directory of YAML files merged)
 * for `seqd run`: all or nothing, so a reload never applies half a config.
 */
export async function readDaemonConfig(
  path: string,
  options: ReadDaemonConfigOptions,
): Promise<DaemonConfigResult> {
  const read = await readConfigPath(path, { cwd: options.cwd });
  if (read.issues.length > 0) return { ok: false, path: read.display, issues: read.issues };
  return daemonConfigFromSources(read.display, read.sources, options);
}

/** The same from sources already in hand (the store's last-known-good snapshot). */
export async function daemonConfigFromSources(
  path: string,
  sources: ConfigSource[],
  options: ReadDaemonConfigOptions,
): Promise<DaemonConfigResult> {
  const loaded = loadConfig(sources, { now: options.clock.now() });
  if (!loaded.ok) return { ok: false, path, issues: loaded.issues };
  const resolved = await resolveSecrets(loaded.config, { cwd: options.cwd, env: options.env });
  if (!resolved.ok) {
    const files = sources.map((source) => source.path);
    return { ok: false, path, issues: sortIssues([...loaded.warnings, ...resolved.issues], files) };
  }
  return {
    ok: true,
    loaded: {
      path,
      config: loaded.config,
      secrets: resolved.secrets,
      runtime: compileRuntime(loaded.config),
      sources,
      warnings: loaded.warnings,
    },
  };
}
