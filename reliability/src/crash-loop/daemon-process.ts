import { type ChildProcess, spawn } from "node:child_process";
import { SEQD_BIN } from "../workspace.js";

/** One JSON log line a child printed (other lines are kept as text only). */
export type LogEvent = Record<string, unknown> & { event?: string };

/** A `seqd run` child process and everything it printed. */
export interface DaemonProcess {
  readonly child: ChildProcess;
  /** Every line printed on stdout and stderr, in order. */
  lines(): readonly string[];
  /** The lines that parsed as JSON objects. */
  events(): readonly LogEvent[];
  /** Resolves with the first event matching, or rejects after `limitMs` or when the child exits. */
  waitForEvent(match: (event: LogEvent) => boolean, what: string, limitMs?: number): Promise<LogEvent>;
  /** Resolves with the exit code (null when a signal ended it). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `node seqd.mjs <args>` with `env` on top of this process's environment and captures its
 * output line by line.
 */
export function spawnSeqd(options: {
  args: readonly string[];
  env: Record<string, string>;
  cwd: string;
}): DaemonProcess {
  const child = spawn(process.execPath, [SEQD_BIN, ...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const events: LogEvent[] = [];
  const waiters = new Set<() => void>();
  const partial = { stdout: "", stderr: "" };
  const take = (stream: "stdout" | "stderr", chunk: Buffer, flush = false) => {
    const text = partial[stream] + chunk.toString("utf8");
    const parts = text.split("\n");
    partial[stream] = flush ? "" : (parts.pop() ?? "");
    for (const line of parts) {
      if (line === "") continue;
      lines.push(line);
      const event = parseEvent(line);
      if (event !== undefined) events.push(event);
    }
    for (const wake of waiters) wake();
  };
  child.stdout?.on("data", (chunk: Buffer) => take("stdout", chunk));
  child.stderr?.on("data", (chunk: Buffer) => take("stderr", chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => {
      take("stdout", Buffer.alloc(0), true);
      take("stderr", Buffer.alloc(0), true);
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  let closed = false;
  void exit.then(() => {
    closed = true;
  });

  return {
    child,
    lines: () => lines,
    events: () => events,
    exited: () => exit,
    waitForEvent(match, what, limitMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found !== undefined) return done(() => resolve(found));
          if (closed)
            done(() => reject(new Error(`seqd exited before ${what}:\n${lines.slice(-20).join("\n")}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${what}`))),
          limitMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function parseEvent(line: string): LogEvent | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === "object" && parsed !== null ? (parsed as LogEvent) : undefined;
  } catch {
    return undefined;
  }
}
