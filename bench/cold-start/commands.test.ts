import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEQD } from "../endpoint/servers.js";
import { EXIT_COMMANDS, exampleConfigs, READY_MEASURES, REPO_DIR, SEQD_VALIDATE } from "./commands.js";

describe("the measured commands", () => {
  it("validate every shipped config: demo.yaml first, then each example", () => {
    const examples = readdirSync(join(REPO_DIR, "configs", "examples")).filter((name) =>
      name.endsWith(".yaml"),
    );
    expect(examples.length).toBeGreaterThan(0);
    expect(exampleConfigs()).toEqual([
      "configs/demo.yaml",
      ...examples.sort().map((n) => `configs/examples/${n}`),
    ]);
    expect(SEQD_VALIDATE.args).toEqual(["apps/daemon/bin/seqd.mjs", "validate", ...exampleConfigs()]);
  });

  it("start with the node baseline", () => {
    expect(EXIT_COMMANDS[0]!.args).toEqual(["-e", "0"]);
  });

  it("time seqd run with the endpoint suite's seqd server, to its /readyz", () => {
    const seqdRun = READY_MEASURES.find((measure) => measure.id === "seqd-run-ready")!;
    expect(seqdRun.spec).toBe(SEQD);
    expect(seqdRun.spec?.ready).toMatchObject({ method: "GET", path: "/readyz", status: 200 });
  });
});
