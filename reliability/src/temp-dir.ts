import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A directory that exists until `remove()`. */
export interface TempDir {
  readonly path: string;
  /** `path` joined with `parts`. */
  join(...parts: string[]): string;
  remove(): Promise<void>;
}

/** Creates a fresh directory under the OS temp dir; call `remove()` in `afterEach`. */
export async function createTempDir(prefix = "seqd-reliability-"): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    join: (...parts) => join(path, ...parts),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
