import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerSpec } from "../endpoint/servers.js";
import { freePort, httpRequest, waitForStatus } from "./http.js";
import { type Launcher, launchCommand } from "./launcher.js";

/** A started server process. */
export interface RunningServer {
  readonly spec: ServerSpec;
  readonly pid: number;
  readonly port: number;
  /** Milliseconds from spawning the process to its ready probe's first expected answer. */
  readonly readyMs: number;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and runs the launch's cleanup. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/** Where the server's stdout and stderr go: a file, so a chatty server never waits on the suite. */
function logFile(scratch: string, name: string): string {
  return join(scratch, `${name}.log`);
}

function logTail(scratch: string, name: string): string {
  try {
    const text = readFileSync(logFile(scratch, name), "utf8").trim();
    return text === "" ? "(no output)" : text.slice(-2_000);
  } catch {
    return "(no log)";
  }
}

function exitReason(child: ChildProcess): string | undefined {
  if (child.exitCode !== null) return `exited with ${child.exitCode}`;
  if (child.signalCode !== null) return `killed by ${child.signalCode}`;
  return undefined;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exitReason(child) !== undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Where and how startServer starts a server. */
export interface StartOptions {
  launcher: Launcher;
  /** The core to pin it to (when the launcher pins). */
  core: number;
  /** Directory for its log and whatever its launch writes. */
  scratch: string;
  /** Working directory of the process: the repository root. */
  cwd: string;
  /** Pause between ready probes; it bounds the resolution of readyMs. */
  pollMs: number;
}

/**
 * Starts `spec` on a free port on `core`, waits until its ready probe
 * answers (timing it), then checks that its load request answers 200 with a JSON
 * `amountInCents`, so a misconfigured server fails here with its log rather
 * than as thousands of errors under load.
 */
export async function startServer(spec: ServerSpec, options: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const launch = await spec.launch({ port, scratch: options.scratch });
  const { command, args } = launchCommand(options.launcher, options.core, process.execPath, launch.args);
  const log = openSync(logFile(options.scratch, spec.name), "w");
  const spawned = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...launch.env },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  // A command that cannot be started reports it as an event; without a listener it would crash the suite.
  let failure: string | undefined;
  child.on("error", (error) => {
    failure = `could not be started: ${error.message}`;
  });
  const stop = async () => {
    if (child.pid !== undefined && exitReason(child) === undefined) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 5_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    await launch.cleanup?.();
  };
  try {
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    await waitForStatus(port, spec.ready, spec.ready.status, {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: options.pollMs,
      abandon: () => failure ?? exitReason(child),
    });
    const readyMs = performance.now() - spawned;
    const reply = await httpRequest(port, spec.request);
    const amount = reply.status === 200 ? amountOf(reply.body) : undefined;
    if (amount === undefined) {
      throw new Error(
        `${spec.request.method} ${spec.request.path} answered ${reply.status} ${reply.body.slice(0, 200)}`,
      );
    }
    return { spec, pid: child.pid, port, readyMs, stop };
  } catch (error) {
    await stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`server ${spec.name}: ${message}\n${logTail(options.scratch, spec.name)}`, {
      cause: error,
    });
  }
}

/** The `amountInCents` of an amount reply, if it is one (a safe integer ≥ 0). */
export function amountOf(body: string): number | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== "object" || value === null) return undefined;
    const amount = (value as Record<string, unknown>)["amountInCents"];
    return Number.isSafeInteger(amount) && (amount as number) >= 0 ? (amount as number) : undefined;
  } catch {
    return undefined;
  }
}
