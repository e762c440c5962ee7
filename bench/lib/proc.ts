import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CPU times from `/proc/<pid>/stat`, in clock ticks. */
export interface ProcCpu {
  /** Fields 14 and 15: the process's own user and system time (all its threads). */
  utime: number;
  stime: number;
  /** Fields 16 and 17: user and system time of children it has waited for. */
  cutime: number;
  cstime: number;
}

/**
 * Parses a `/proc/<pid>/stat` line. The command name (field 2) is in
 * parentheses and may itself contain spaces and parentheses, so fields are
 * counted from the last ")".
 */
export function parseProcStat(line: string): ProcCpu {
  const close = line.lastIndexOf(")");
  if (close === -1) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  // After ")" the fields start at field 3 (state): field n is at index n - 3.
  const fields = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => {
    const value = Number(fields[n - 3]);
    if (!Number.isInteger(value)) throw new Error(`/proc stat field ${n} is not a number: ${fields[n - 3]}`);
    return value;
  };
  return { utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
}

/** The process's own CPU time (user + system, all threads) in clock ticks. */
export function readCpuTicks(pid: number): number {
  const cpu = parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  return cpu.utime + cpu.stime;
}

/** Resident memory from `/proc/<pid>/status`, in KiB. */
export interface ProcMemory {
  /** VmRSS: resident now. */
  rssKiB: number;
  /** VmHWM: the peak resident size so far. */
  hwmKiB: number;
}

/** Parses the VmRSS and VmHWM lines of a `/proc/<pid>/status` text. */
export function parseProcStatus(text: string): ProcMemory {
  const kib = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text);
    if (!match) throw new Error(`/proc status has no ${name} line`);
    return Number(match[1]);
  };
  return { rssKiB: kib("VmRSS"), hwmKiB: kib("VmHWM") };
}

/** VmRSS and VmHWM of a running process. */
export function readMemory(pid: number): ProcMemory {
  return parseProcStatus(readFileSync(`/proc/${pid}/status`, "utf8"));
}

/** Clock ticks per second (`getconf CLK_TCK`); 100 on every Linux this runs on when getconf is absent. */
export function clockTicksPerSecond(): number {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const ticks = Number(result.stdout?.trim());
  return result.status === 0 && Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}
