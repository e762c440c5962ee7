import type { Clock } from "@seqd/core";
import type { Config } from "@seqd/rules-engine";
import { loadConfigPaths } from "../../config/index.js";
import { EXIT, type Io } from "../io.js";
import { DEFAULT_CONFIG_PATH } from "./validate.js";
import { formatIssue } from "./validate-report.js";

/** Where a command's store is, and the config that named it (when one was read). */
export type StoreTarget = { ok: true; url: string; config: Config | undefined } | { ok: false; exit: number };

/**
 * The store a command works on: `--store URL` when given (no config is read), else the
 * `store:` of the config at `paths` (default `configs/`). An invalid config prints its
 * problems to stderr and exits 78; configs naming different stores exit 64.
 */
export async function resolveStoreTarget(options: {
  command: string;
  paths: readonly string[];
  store: string | undefined;
  io: Io;
  clock: Clock;
}): Promise<StoreTarget> {
  const { command, io } = options;
  if (options.store !== undefined) {
    if (options.store.trim() === "") {
      io.stderr.write(`seqd ${command}: --store needs a URL, e.g. sqlite:./seqd.db\n`);
      return { ok: false, exit: EXIT.usage };
    }
    return { ok: true, url: options.store, config: undefined };
  }
  const paths = options.paths.length > 0 ? options.paths : [DEFAULT_CONFIG_PATH];
  const loaded = await loadConfigPaths(paths, { cwd: io.cwd, env: io.env, clock: options.clock });
  const invalid = loaded.filter((entry) => entry.config === undefined);
  if (invalid.length > 0) {
    for (const entry of invalid) {
      for (const issue of entry.issues) io.stderr.write(`${formatIssue(issue)}\n`);
      io.stderr.write(`${entry.path}: invalid config\n`);
    }
    return { ok: false, exit: EXIT.config };
  }
  const configs = loaded.flatMap((entry) => (entry.config === undefined ? [] : [entry.config]));
  const stores = [...new Set(configs.map((config) => config.store))];
  if (stores.length !== 1) {
    io.stderr.write(
      `seqd ${command}: the configs name different stores (${stores.join(", ")}); pick one with --store\n`,
    );
    return { ok: false, exit: EXIT.usage };
  }
  return { ok: true, url: stores[0]!, config: configs[0] };
}
