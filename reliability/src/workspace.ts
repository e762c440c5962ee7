import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** The repository root (this file is reliability/src/workspace.ts). */
export const WORKSPACE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The CLI entry (TypeScript sources through tsx, as `pnpm seqd` runs them). */
export const SEQD_BIN = `${WORKSPACE_ROOT}apps/daemon/bin/seqd.mjs`;

/** A config as it is checked in: its path relative to the root, and its text. */
export interface ConfigSeed {
  path: string;
  text: string;
}

/** configs/demo.yaml and every configs/examples/*.yaml: the fuzzers' starting points. */
export async function exampleConfigs(root = WORKSPACE_ROOT): Promise<ConfigSeed[]> {
  const examples = (await readdir(`${root}configs/examples`))
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => `configs/examples/${name}`);
  const paths = ["configs/demo.yaml", ...examples];
  return Promise.all(paths.map(async (path) => ({ path, text: await readFile(`${root}${path}`, "utf8") })));
}
