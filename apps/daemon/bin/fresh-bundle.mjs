// Whether dist/seqd.mjs (`pnpm --filter seqd build`) may run instead of the sources: it exists and
// no source it was built from (dist/seqd.inputs.json) changed or disappeared since.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The bundle's path when it is fresh, else undefined (no build, a stale build, or a source gone).
 * `appDir` is apps/daemon; inputs are listed relative to the repository root, `repoDir`.
 */
export function freshBundle(appDir, repoDir = join(appDir, "..", "..")) {
  const bundle = join(appDir, "dist", "seqd.mjs");
  try {
    const builtMs = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(appDir, "dist", "seqd.inputs.json"), "utf8"));
    for (const input of inputs) if (statSync(join(repoDir, input)).mtimeMs > builtMs) return undefined;
    return bundle;
  } catch {
    return undefined;
  }
}
