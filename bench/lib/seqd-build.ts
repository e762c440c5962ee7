import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freshBundle } from "../../apps/daemon/bin/fresh-bundle.mjs";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "apps", "daemon");

/**
 * Which form `apps/daemon/bin/seqd.mjs` runs in right now: the prebuilt bundle (`pnpm build`)
 * or the TypeScript sources through tsx. Start-up time and memory differ a lot between them, so
 * every result that times or weighs seqd records it.
 */
export function seqdRunsFrom(): "bundle" | "sources (tsx)" {
  return freshBundle(APP_DIR) === undefined ? "sources (tsx)" : "bundle";
}
