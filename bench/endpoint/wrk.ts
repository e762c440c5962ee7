import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HttpRequestSpec } from "../lib/http.js";
import { type Launcher, launchCommand } from "../lib/launcher.js";
import { parseProcStat } from "../lib/proc.js";

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "post.lua");

/**
 * wrk runs inside `sh` so its CPU time can be read exactly: after wrk exits
 * and is reaped, the shell's own /proc stat counts it in cutime + cstime.
 */
const WRAPPER = 'wrk "$@"; status=$?; read -r stat < /proc/$$/stat; echo "STAT $stat"; exit $status';

/** What one wrk run reports (post.lua's JSON line), plus wrk's own CPU time. */
export interface WrkStats {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  errors: { status: number; read: number; write: number; timeout: number; connect: number };
  /** wrk's user + system time in clock ticks; null when the wrapper's line was missing. */
  generatorTicks: number | null;
}

/** One load run: how many connections for how long. */
export interface LoadOptions {
  connections: number;
  seconds: number;
}

/** wrk's arguments: one thread, the connection count, duration, a 5 s timeout and post.lua. */
export function wrkArgs(options: LoadOptions, url: string): string[] {
  return ["-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--timeout", "5s", "-s", SCRIPT, url];
}

/** The environment post.lua reads the request from. */
export function wrkEnv(request: HttpRequestSpec): Record<string, string> {
  return {
    BENCH_METHOD: request.method,
    BENCH_BODY: request.body ?? "",
    BENCH_HEADERS: Object.entries(request.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n"),
  };
}

const numberField = (fields: Record<string, unknown>, key: string): number => {
  const value = fields[key];
  if (typeof value !== "number") throw new Error(`wrk output has no number "${key}"`);
  return value;
};

/** Reads post.lua's `JSON {…}` line and the wrapper's `STAT …` line from wrk's stdout. */
export function parseWrkOutput(stdout: string): WrkStats {
  const json = /^JSON (\{.*\})$/m.exec(stdout)?.[1];
  if (json === undefined) throw new Error(`wrk printed no result line:\n${stdout.slice(-1_000)}`);
  const fields = JSON.parse(json) as Record<string, unknown>;
  const stat = /^STAT (.*)$/m.exec(stdout)?.[1];
  const cpu = stat === undefined ? undefined : parseProcStat(stat);
  return {
    requests: numberField(fields, "requests"),
    durationUs: numberField(fields, "duration_us"),
    p50Us: numberField(fields, "p50_us"),
    p99Us: numberField(fields, "p99_us"),
    maxUs: numberField(fields, "max_us"),
    errors: {
      status: numberField(fields, "err_status"),
      read: numberField(fields, "err_read"),
      write: numberField(fields, "err_write"),
      timeout: numberField(fields, "err_timeout"),
      connect: numberField(fields, "err_connect"),
    },
    generatorTicks: cpu === undefined ? null : cpu.cutime + cpu.cstime,
  };
}

/** Runs wrk against 127.0.0.1:`port` on `core` and returns its statistics. */
export function runWrk(
  launcher: Launcher,
  core: number,
  port: number,
  request: HttpRequestSpec,
  options: LoadOptions,
): Promise<WrkStats> {
  const url = `http://127.0.0.1:${port}${request.path}`;
  const { command, args } = launchCommand(launcher, core, "sh", [
    "-c",
    WRAPPER,
    "sh",
    ...wrkArgs(options, url),
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...wrkEnv(request) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`wrk exited with ${code}: ${(stderr || stdout).trim().slice(-1_000)}`));
        return;
      }
      try {
        resolve(parseWrkOutput(stdout));
      } catch (error) {
        reject(error);
      }
    });
  });
}
