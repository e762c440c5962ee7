import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshBundle } from "../bin/fresh-bundle.mjs";

const BUILT = new Date("2026-03-07T12:00:00Z");
const dirs: string[] = [];

/** A repository with one source and, optionally, a bundle built from it at BUILT. */
function repo(options: { built: boolean; sourceAt: Date }): { repoDir: string; appDir: string } {
  const repoDir = mkdtempSync(join(tmpdir(), "seqd-fresh-bundle-"));
  dirs.push(repoDir);
  const appDir = join(repoDir, "apps", "daemon");
  mkdirSync(join(appDir, "src"), { recursive: true });
  writeFileSync(join(appDir, "src", "bin.ts"), "export {};\n");
  utimesSync(join(appDir, "src", "bin.ts"), options.sourceAt, options.sourceAt);
  if (options.built) {
    mkdirSync(join(appDir, "dist"));
    writeFileSync(join(appDir, "dist", "seqd.mjs"), "");
    writeFileSync(join(appDir, "dist", "seqd.inputs.json"), JSON.stringify(["apps/daemon/src/bin.ts"]));
    utimesSync(join(appDir, "dist", "seqd.mjs"), BUILT, BUILT);
  }
  return { repoDir, appDir };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("freshBundle", () => {
  it("uses the bundle when no source is newer than it", () => {
    const { repoDir, appDir } = repo({ built: true, sourceAt: new Date("2026-03-07T11:59:00Z") });
    expect(freshBundle(appDir, repoDir)).toBe(join(appDir, "dist", "seqd.mjs"));
  });

  it("falls back to the sources when one changed after the build", () => {
    const { repoDir, appDir } = repo({ built: true, sourceAt: new Date("2026-03-07T12:00:01Z") });
    expect(freshBundle(appDir, repoDir)).toBeUndefined();
  });

  it("falls back when a source it was built from is gone", () => {
    const { repoDir, appDir } = repo({ built: true, sourceAt: new Date("2026-03-07T11:59:00Z") });
    rmSync(join(appDir, "src", "bin.ts"));
    expect(freshBundle(appDir, repoDir)).toBeUndefined();
  });

  it("falls back when there is no build (a fresh clone)", () => {
    const { repoDir, appDir } = repo({ built: false, sourceAt: new Date("2026-03-07T11:59:00Z") });
    expect(freshBundle(appDir, repoDir)).toBeUndefined();
  });
});
