import { describe, expect, it } from "vitest";
import { describeLauncher, hasCommand, launchCommand, NO_PINNING } from "./launcher.js";

describe("launchCommand", () => {
  it("runs the command as it is without pinning or priority", () => {
    expect(launchCommand(NO_PINNING, 1, "node", ["a.mjs"])).toEqual({ command: "node", args: ["a.mjs"] });
  });

  it("wraps it in nice, then taskset on the core, so both exec the real command", () => {
    expect(launchCommand({ taskset: true, nice: true }, 1, "node", ["a.mjs"])).toEqual({
      command: "nice",
      args: ["-n", "-15", "taskset", "-c", "1", "node", "a.mjs"],
    });
    expect(launchCommand({ taskset: true, nice: false }, 0, "sh", ["-c", "x"])).toEqual({
      command: "taskset",
      args: ["-c", "0", "sh", "-c", "x"],
    });
  });

  it("describes what it did for the report", () => {
    expect(describeLauncher({ taskset: true, nice: true })).toBe("pinned with taskset; nice -n -15");
    expect(describeLauncher(NO_PINNING)).toBe(
      "not pinned (no taskset, or fewer than 2 cores); default priority (not root)",
    );
  });
});

describe("hasCommand", () => {
  it("finds a command that exists and not one that does not", () => {
    expect(hasCommand(process.execPath)).toBe(true);
    expect(hasCommand("seqd-bench-no-such-command")).toBe(false);
  });
});
