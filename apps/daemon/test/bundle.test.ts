import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli } from "../scripts/bundle-cli.js";

const REPO_DIR = fileURLToPath(new URL("../../..", import.meta.url));
let outDir: string;
let bundle: string;

function seqd(...args: string[]) {
  const run = spawnSync(process.execPath, [bundle, ...args], { cwd: REPO_DIR, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "seqd-bundle-"));
  ({ bundle } = await bundleCli(outDir));
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the CLI bundle", () => {
  it("runs a command without tsx, finding files beside its sources", () => {
    const run = seqd("validate", "configs/demo.yaml");
    expect(run.output).toContain("configs/demo.yaml: valid with 1 warning");
    expect(run.status).toBe(0);
  });

  it("loads the native SQLite driver from node_modules", () => {
    const run = seqd("history", "configs/demo.yaml", "--store", `sqlite:${join(outDir, "x.db")}`);
    // The driver itself answers: the addon loaded and tried to open the file.
    expect(run.output).toContain("SQLITE_CANTOPEN");
  });
});
