import { describe, expect, it } from "vitest";
import { REPO_DIR } from "./commands.js";
import {
  hyperfineArgs,
  hyperfineRound,
  hyperfineVersion,
  parseHyperfineJson,
  quoteWord,
} from "./hyperfine.js";

describe("quoteWord", () => {
  it("leaves plain words alone and single-quotes the rest", () => {
    expect(quoteWord("/usr/bin/node")).toBe("/usr/bin/node");
    expect(quoteWord("configs/examples/a.yaml")).toBe("configs/examples/a.yaml");
    expect(quoteWord("my configs/a.yaml")).toBe("'my configs/a.yaml'");
    expect(quoteWord("it's")).toBe("'it'\\''s'");
  });
});

describe("hyperfineArgs", () => {
  it("runs each command once without a shell, named by its label", () => {
    const args = hyperfineArgs(
      [
        { id: "node", label: "node -e 0", args: ["-e", "0"] },
        { id: "v", label: "seqd --version", args: ["apps/daemon/bin/seqd.mjs", "--version"] },
      ],
      { node: "/usr/bin/node", exportJson: "/tmp/x.json" },
    );
    expect(args).toEqual([
      "-N",
      "--style",
      "none",
      "--runs",
      "1",
      "--export-json",
      "/tmp/x.json",
      "--command-name",
      "node -e 0",
      "/usr/bin/node -e 0",
      "--command-name",
      "seqd --version",
      "/usr/bin/node apps/daemon/bin/seqd.mjs --version",
    ]);
  });
});

describe("parseHyperfineJson", () => {
  it("returns each command's single time in milliseconds, in order", () => {
    const text = JSON.stringify({ results: [{ times: [0.1168] }, { times: [1.25] }] });
    expect(parseHyperfineJson(text, 2)).toEqual([116.8, 1250]);
  });

  it("refuses a result that does not match the commands", () => {
    expect(() => parseHyperfineJson(JSON.stringify({ results: [{ times: [1] }] }), 2)).toThrow(
      "hyperfine reported 1 commands, expected 2",
    );
    expect(() => parseHyperfineJson(JSON.stringify({ results: [{ times: [1, 2] }] }), 1)).toThrow(
      /no single time/,
    );
  });
});

describe.skipIf(hyperfineVersion() === undefined)("with hyperfine installed", () => {
  it("times one round of real commands and fails on a non-zero exit", () => {
    const [ms] = hyperfineRound([{ id: "node", label: "node -e 0", args: ["-e", "0"] }], REPO_DIR);
    expect(ms).toBeGreaterThan(1);
    expect(() =>
      hyperfineRound([{ id: "fail", label: "exit 3", args: ["-e", "process.exit(3)"] }], REPO_DIR),
    ).toThrow(/hyperfine failed/);
  });
});
