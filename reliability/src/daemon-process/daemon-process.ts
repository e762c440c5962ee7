import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { WORKSPACE_ROOT } from "../workspace.js";

const SEQD = join(WORKSPACE_ROOT, "apps/daemon/bin/seqd.mjs");

/** A `seqd run` child process and what it printed. */
export interface DaemonProcess {
  readonly child: ChildProcess;
  /** The amount/ops server, from the `http.listening` log line. */
  readonly url: string;
  /** Every JSON log line so far (non-JSON lines are skipped). */
  logs(): Record<string, unknown>[];
  /** Everything printed on stdout and stderr. */
  output(): string;
  /** True while the process has neither exited nor been killed. */
  alive(): boolean;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

export interface StartDaemonOptions {
  config: string;
  cwd: string;
  /** Secrets and other variables the config's `{ env }` references name. */
  env: Record<string, string>;
  /** How long to wait for `http.listening`. */
  startMs?: number;
  /** Which raw log lines to parse for `logs()` (all by default; a fuzz run skips its request lines). */
  keepLine?: (line: string) => boolean;
  /** `info` by default; `debug` adds `poll.ok` per poll. */
  logLevel?: "debug" | "info";
}

/**
 * Spawns `node apps/daemon/bin/seqd.mjs run <config>` and waits for its server URL.
 *
 * @example
 * const daemon = await startDaemonProcess({ config, cwd: dir.path, env: { SEQUENCE_ACCESS_TOKEN: "t" } });
 */
export async function startDaemonProcess(options: StartDaemonOptions): Promise<DaemonProcess> {
  const child = spawn(process.execPath, [SEQD, "run", options.config], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, SEQD_LOG_LEVEL: options.logLevel ?? "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let partial = "";
  const lines: Record<string, unknown>[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    const parts = (partial + text).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      if (options.keepLine !== undefined && !options.keepLine(line)) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // A non-JSON line (a crash trace) stays in output() for the report.
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  let url: string;
  try {
    url = await waitFor(
      "http.listening",
      () => {
        if (!alive()) throw new Error(`seqd exited early:\n${output}`);
        const line = lines.find((entry) => entry["event"] === "http.listening");
        return typeof line?.["url"] === "string" ? line["url"] : undefined;
      },
      options.startMs ?? 20_000,
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    child,
    url,
    logs: () => lines,
    output: () => output,
    alive,
    async stop(graceMs = 15_000) {
      if (!alive()) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exit;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Polls `read` (real I/O, bounded in real time) until it returns something defined. `what` may
 * be a function, so the error can say what was last seen.
 */
export async function waitFor<T>(
  what: string | (() => string),
  read: () => Promise<T | undefined> | T | undefined,
  limitMs = 30_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() - started > limitMs)
      throw new Error(
        `timed out after ${limitMs} ms waiting for ${typeof what === "string" ? what : what()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
