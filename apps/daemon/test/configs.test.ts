import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { createTestIo } from "../src/cli/test-io.js";

/** The repository root, where configs/ lives. */
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

async function validateJson(paths: string[]) {
  const io = createTestIo({ cwd: ROOT });
  const code = await main(["validate", "--format", "json", ...paths], io);
  return {
    code,
    report: JSON.parse(io.out()) as { configs: { path: string; issues: { code: string }[] }[] },
  };
}

describe("the shipped configs", () => {
  it("every example validates with no warning at all", async () => {
    const examples = (await readdir(new URL("../../../configs/examples", import.meta.url))).filter((f) =>
      f.endsWith(".yaml"),
    );
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const { code, report } = await validateJson(examples.map((f) => `configs/examples/${f}`));
    expect(code).toBe(0);
    expect(report.configs.map((c) => [c.path, c.issues])).toEqual(
      examples.map((f) => [`configs/examples/${f}`, []]),
    );
  });

  it("demo.yaml, the default config, validates with only the fast-polling warning", async () => {
    const { code, report } = await validateJson([]);
    expect(code).toBe(0);
    expect(report.configs.map((c) => [c.path, c.issues.map((i) => i.code)])).toEqual([
      ["configs", ["short-interval"]],
    ]);
  });

  it("every shipped config carries tests, and seqd test passes them all", async () => {
    const io = createTestIo({ cwd: ROOT });
    const examples = (await readdir(new URL("../../../configs/examples", import.meta.url)))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => `configs/examples/${f}`);
    const code = await main(["test", "configs/demo.yaml", ...examples], io);
    const lines = io.out().trimEnd().split("\n");
    expect(lines.filter((line) => line.includes("✗"))).toEqual([]);
    expect(code).toBe(0);
    expect(lines.filter((line) => line === "  no tests")).toEqual([]);
    expect(lines.at(-1)).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(lines.at(-1)!.split(" ")[0])).toBeGreaterThanOrEqual(20);
  });
});
