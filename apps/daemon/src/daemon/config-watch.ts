import { createHash } from "node:crypto";
import { readConfigPath } from "../config/read-config-path.js";
import type { TimerHandle, Timers } from "../runtime/timers.js";

/** How often `--watch` looks at the config files. */
export const WATCH_EVERY_MS = 2_000;

export interface ConfigWatch {
  stop(): void;
}

/**
 * `--watch`: hashes the config path's files every 2 s and calls `onChange` when the hash
 * moves. Content hashing (not mtimes or inotify) sees symlink-swapped mounts such as
 * Kubernetes ConfigMaps, where the watched inode never changes.
 */
export function watchConfig(options: {
  path: string;
  cwd: string;
  timers: Timers;
  onChange: () => Promise<unknown>;
  everyMs?: number;
}): ConfigWatch {
  const { timers } = options;
  const everyMs = options.everyMs ?? WATCH_EVERY_MS;
  let last: string | undefined;
  let timer: TimerHandle | undefined;
  let stopped = false;

  async function look(): Promise<void> {
    const read = await readConfigPath(options.path, { cwd: options.cwd });
    const hash = createHash("sha256");
    for (const source of read.sources) hash.update(`${source.path}\0${source.text}\0`);
    for (const issue of read.issues) hash.update(`${issue.message}\0`);
    const digest = hash.digest("hex");
    if (last !== undefined && digest !== last) await options.onChange();
    last = digest;
  }

  function arm(): void {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      void look()
        .catch(() => undefined)
        .finally(arm);
    }, everyMs);
  }

  void look()
    .catch(() => undefined)
    .finally(arm);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
