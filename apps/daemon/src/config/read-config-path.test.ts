import { mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readConfigPath } from "./read-config-path.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "seqd-read-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function write(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(join(cwd, path, ".."), { recursive: true });
  await writeFile(join(cwd, path), content);
}

describe("readConfigPath", () => {
  it("reads one file, reporting its path relative to the working directory", async () => {
    await write("configs/demo.yaml", "version: 1\n");
    expect(await readConfigPath("configs/demo.yaml", { cwd })).toEqual({
      display: "configs/demo.yaml",
      sources: [{ path: "configs/demo.yaml", text: "version: 1\n" }],
      issues: [],
    });
    expect((await readConfigPath(join(cwd, "configs/demo.yaml"), { cwd })).display).toBe("configs/demo.yaml");
  });

  it("reads the *.yaml and *.yml files directly in a directory, sorted by name", async () => {
    await write("conf/b.yml", "b: 1\n");
    await write("conf/a.yaml", "a: 1\n");
    await write("conf/notes.txt", "not config\n");
    await write("conf/nested/c.yaml", "c: 1\n");
    await mkdir(join(cwd, "conf/dir.yaml"));
    const read = await readConfigPath("conf/", { cwd });
    expect(read.display).toBe("conf");
    expect(read.sources.map((s) => s.path)).toEqual(["conf/a.yaml", "conf/b.yml"]);
    expect(read.issues).toEqual([]);
  });

  it("reports a missing path, without a position", async () => {
    expect((await readConfigPath("configs/", { cwd })).issues).toEqual([
      {
        severity: "error",
        code: "file-unreadable",
        message: "configs does not exist",
        file: "configs",
        line: 0,
        col: 0,
        hint: "check the path; seqd reads configs/ when no path is given",
      },
    ]);
  });

  it("reports a directory without config files", async () => {
    await write("empty/readme.md", "# nothing\n");
    expect((await readConfigPath("empty", { cwd })).issues).toMatchObject([
      { code: "file-unreadable", message: "empty is a directory without *.yaml or *.yml files" },
    ]);
  });

  it("refuses a file that is not UTF-8, pointing at the first bad byte", async () => {
    await write("latin1.yaml", new Uint8Array([...Buffer.from("version: 1\nname: Caf"), 0xe9, 0x0a]));
    expect((await readConfigPath("latin1.yaml", { cwd })).issues).toMatchObject([
      { code: "file-binary", file: "latin1.yaml", line: 2, col: 10, message: "file is not valid UTF-8 text" },
    ]);
  });

  it("refuses a 10 MB file without reading it", async () => {
    await write("huge.yaml", "");
    await truncate(join(cwd, "huge.yaml"), 10 * 1024 * 1024);
    const started = performance.now();
    const read = await readConfigPath("huge.yaml", { cwd });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(read).toMatchObject({
      sources: [],
      issues: [
        { code: "file-too-large", line: 1, col: 1, message: "file is 10.0 MiB, over the 1 MiB limit" },
      ],
    });
  });

  it("strips a UTF-8 byte order mark", async () => {
    await write("bom.yaml", "\uFEFFversion: 1\n");
    expect((await readConfigPath("bom.yaml", { cwd })).sources[0]?.text).toBe("version: 1\n");
  });
});
