import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clockTicksPerSecond, parseProcStat, parseProcStatus, readCpuTicks, readMemory } from "./proc.js";

// A real /proc/<pid>/stat line, with a command name holding spaces and parentheses.
const STAT =
  "4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 12345 0 0 0 731 86 12 3 20 0 11 0 123456 " +
  "1054220288 14200 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0";

describe("parseProcStat", () => {
  it("reads utime, stime, cutime and cstime counting fields after the last parenthesis", () => {
    expect(parseProcStat(STAT)).toEqual({ utime: 731, stime: 86, cutime: 12, cstime: 3 });
  });

  it("refuses a line that is not a stat line", () => {
    expect(() => parseProcStat("hello")).toThrow(/not a \/proc stat line/);
    expect(() => parseProcStat("1 (x) S 1 2")).toThrow(/field 14/);
  });
});

describe("parseProcStatus", () => {
  it("reads VmRSS and VmHWM in KiB", () => {
    const status =
      "Name:\tnode\nVmPeak:\t 1029948 kB\nVmHWM:\t   76120 kB\nVmRSS:\t   56296 kB\nThreads:\t11\n";
    expect(parseProcStatus(status)).toEqual({ rssKiB: 56296, hwmKiB: 76120 });
  });

  it("says which line is missing", () => {
    expect(() => parseProcStatus("VmRSS:\t 1 kB\n")).toThrow(/VmHWM/);
  });
});

describe.skipIf(!existsSync("/proc/self/stat"))("on this machine's /proc", () => {
  it("reads this process's CPU time and memory", () => {
    expect(readCpuTicks(process.pid)).toBeGreaterThan(0);
    const memory = readMemory(process.pid);
    expect(memory.rssKiB).toBeGreaterThan(10_000);
    expect(memory.hwmKiB).toBeGreaterThanOrEqual(memory.rssKiB);
  });

  it("knows the clock tick rate", () => {
    expect(clockTicksPerSecond()).toBeGreaterThanOrEqual(100);
  });
});
