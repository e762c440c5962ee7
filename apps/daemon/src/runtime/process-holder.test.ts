import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { holderIsDeadHere, processHolder } from "./process-holder.js";

describe("lease holders", () => {
  const holder = processHolder(() => 0.5);
  const withPid = (pid: number) => holder.replace(/:\d+:([^:]+)$/, `:${pid}:$1`);

  it("names host, boot, pid namespace and pid", () => {
    expect(holder.split(":").at(-2)).toBe(String(process.pid));
    expect(holder.split(":")).toHaveLength(5);
  });

  it("a holder whose process exited on this machine is dead; a live one is not", () => {
    const child = spawnSync(process.execPath, ["-e", "0"]);
    expect(child.pid).toBeGreaterThan(0);
    expect(holderIsDeadHere(withPid(child.pid!))).toBe(true);
    expect(holderIsDeadHere(holder)).toBe(false);
    expect(holderIsDeadHere(withPid(process.ppid))).toBe(false);
  });

  it("another host, boot or namespace, or a malformed holder, is never judged dead", () => {
    const dead = withPid(spawnSync(process.execPath, ["-e", "0"]).pid!);
    const parts = dead.split(":");
    expect(holderIsDeadHere(["other-host", ...parts.slice(-4)].join(":"))).toBe(false);
    expect(holderIsDeadHere([...parts.slice(0, -4), "boot-x", ...parts.slice(-3)].join(":"))).toBe(false);
    expect(holderIsDeadHere([...parts.slice(0, -3), "1", ...parts.slice(-2)].join(":"))).toBe(false);
    expect(holderIsDeadHere("vm:1234:abc")).toBe(false);
    expect(holderIsDeadHere("")).toBe(false);
  });
});
