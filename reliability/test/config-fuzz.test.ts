import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mutate } from "../src/config-fuzz/mutations.js";
import { runConfigFuzz } from "../src/config-fuzz/run-config-fuzz.js";
import { scanForSecrets } from "../src/leak-scan.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { createRandom } from "../src/random.js";
import { createTally, writeTally } from "../src/report-table.js";
import { createTempDir, type TempDir } from "../src/temp-dir.js";
import { type ConfigSeed, exampleConfigs, SEQD_BIN } from "../src/workspace.js";

const run = promisify(execFile);
const NOW = new Date("2026-03-01T12:00:00Z");
// Values a careless loader might echo: the fuzz sets them as env vars the configs reference.
const CANARIES = [{ label: "env secret", value: "envsecret-LEAKCANARY-q7w3e9r1t5y2u8i4" }];

describe("config loader fuzz", () => {
  let seeds: ConfigSeed[];
  beforeAll(async () => {
    seeds = await exampleConfigs();
  });

  it("has every checked-in config as a seed, each valid before mutation", async () => {
    expect(seeds.map((seed) => seed.path)).toContain("configs/demo.yaml");
    expect(seeds.length).toBeGreaterThanOrEqual(4);
    const report = await runConfigFuzz({
      seeds,
      cases: seeds.length,
      seed: 0,
      workers: 1,
      budgetMs: 10_000,
      now: NOW,
      mutator: (text) => ({ text, applied: [] }),
    });
    expect(report).toMatchObject({ cases: seeds.length, valid: seeds.length, findings: [] });
  });

  it("every mutated config loads valid or fails with positioned issues: no crash, no hang", async () => {
    const mode = reliabilityMode();
    const cases = byMode({ short: 10_000, long: 100_000 }, mode);
    const report = await runConfigFuzz({
      seeds,
      cases,
      seed: 20_260_301,
      workers: 2,
      budgetMs: 5_000,
      now: NOW,
    });
    const tally = createTally("config fuzz", mode);
    tally.iterations = report.cases;
    tally.faultsInjected = report.mutations;
    tally.crashes = report.findings.length;
    await writeTally(tally.tally());
    expect(report.findings).toEqual([]);
    expect(report.cases).toBe(cases);
    // The mutations must actually break configs, or the fuzz proves nothing.
    expect(report.invalid).toBeGreaterThan(cases / 2);
    expect(report.valid).toBeGreaterThan(0);
  }, 600_000);
});

describe("seqd validate as a child process on mutated configs", () => {
  let dir: TempDir;
  beforeAll(async () => {
    dir = await createTempDir();
  });
  afterAll(async () => {
    await dir.remove();
  });

  it("exits 0 or 78, and every problem line is file:line:col; no secret value printed", async () => {
    const seeds = await exampleConfigs();
    const files: string[] = [];
    for (let i = 0; i < 6; i++) {
      const seed = seeds[i % seeds.length]!;
      const text = i === 0 ? seed.text : mutate(seed.text, createRandom(7_000 + i)).text;
      const file = `case-${i}.yaml`;
      await writeFile(dir.join(file), text);
      files.push(file);
    }
    const env = { ...process.env, SEQUENCE_ACCESS_TOKEN: CANARIES[0]!.value };
    const outputs: string[] = [];
    const codes: number[] = [];
    for (const file of files) {
      const result = await run("node", [SEQD_BIN, "validate", "--secrets", file], {
        cwd: dir.path,
        env,
      }).then(
        (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      codes.push(result.code);
      outputs.push(result.stdout, result.stderr);
      expect([0, 78]).toContain(result.code);
      const problems = result.stdout.split("\n").filter((line) => /: error: /.test(line));
      if (result.code === 78) expect(problems.length).toBeGreaterThan(0);
      for (const line of problems) expect(line).toMatch(new RegExp(`^${file}:\\d+:\\d+: error: `));
    }
    expect(codes).toContain(78);
    expect(
      scanForSecrets(
        CANARIES,
        outputs.map((content, i) => ({ name: `output ${i}`, content })),
      ),
    ).toEqual([]);
  }, 120_000);
});
