import { realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Runs work one item at a time, in call order. */
export interface SerialQueue {
  run<T>(work: () => T | Promise<T>): Promise<T>;
  /** Drops this user's reference (shared queues are forgotten when unused). */
  release(): void;
}

/** A queue of its own (an in-memory database is private to its connection). */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      const result = tail.then(work);
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    release() {},
  };
}

const byFile = new Map<string, { queue: SerialQueue; users: number }>();

/**
 * The one queue shared by every connection this process opens on `file`. Needed because
 * better-sqlite3 waits for a busy lock synchronously: if connection B waited for the lock
 * while connection A held it across an `await`, A could never resume to commit and both
 * would stall until the busy timeout. Across processes the holder keeps running, so
 * `busy_timeout` is enough there.
 */
export function acquireFileQueue(file: string): SerialQueue {
  const key = canonical(file);
  let entry = byFile.get(key);
  if (entry === undefined) {
    entry = { queue: createSerialQueue(), users: 0 };
    byFile.set(key, entry);
  }
  entry.users += 1;
  const shared = entry;
  let released = false;
  return {
    run: (work) => shared.queue.run(work),
    release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users === 0 && byFile.get(key) === shared) byFile.delete(key);
    },
  };
}

function canonical(file: string): string {
  try {
    // Two spellings of one directory (symlinks, `..`) must share a queue.
    return join(realpathSync(dirname(file)), basename(file));
  } catch {
    return file;
  }
}
