import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatTable, machineInfo, writeResult } from "./results.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("writeResult", () => {
  it("writes <suite>.json with the fixed fields first, then the date, machine and the suite's own", () => {
    const dir = mkdtempSync(join(tmpdir(), "seqd-bench-results-"));
    dirs.push(dir);
    const written = writeResult(
      {
        details: { runs: 3 },
        met: true,
        goal: 1.5,
        ratio: 1.2,
        seqd: 3,
        baseline: 2.5,
        unit: "ns",
        suite: "demo",
        baselineIs: "hand-written",
      },
      dir,
    );
    const json = JSON.parse(readFileSync(join(dir, "demo.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "suite",
      "unit",
      "baseline",
      "seqd",
      "ratio",
      "goal",
      "met",
      "date",
      "machine",
      "details",
      "baselineIs",
    ]);
    expect(json).toEqual(JSON.parse(JSON.stringify(written)));
    expect(Date.parse(String(json["date"]))).not.toBeNaN();
    expect(json["machine"]).toEqual(machineInfo());
  });
});

describe("formatTable", () => {
  it("aligns columns under a dashed rule and trims trailing space", () => {
    expect(
      formatTable([
        ["suite", "ratio"],
        ["formula", "1.24×"],
        ["store", ""],
      ]),
    ).toEqual(["suite    ratio", "-------  -----", "formula  1.24×", "store"]);
  });

  it("prints nothing for no rows", () => {
    expect(formatTable([])).toEqual([]);
  });
});
