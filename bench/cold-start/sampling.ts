/**
 * Interleaved sampling: every measurement once per round, in an order that
 * rotates each round, so a burst of load from neighbours hits all of them
 * alike instead of one command's whole series. Plus the in-process timers:
 * wall time of a child process to its exit (used when hyperfine is missing)
 * and to a server's first ready answer (always: hyperfine times exits only).
 */
import { spawn } from "node:child_process";
import { roundOrder } from "../lib/interleave.js";
import { NO_PINNING } from "../lib/launcher.js";
import { startServer } from "../lib/server-process.js";
import type { ExitCommand, ReadyMeasure } from "./commands.js";

/** Resolution of spawn-to-ready times: the ready probe is retried this often. */
const READY_POLL_MS = 5;

/** Milliseconds from spawning `node <args>` to its exit; rejects unless it exits 0. */
export function timeExit(command: ExitCommand, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, command.args, { cwd, stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const elapsed = performance.now() - started;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`${command.label} exited with ${code ?? signal}`));
    });
  });
}

/** Milliseconds from spawning the server to its ready answer; the server is stopped afterwards. */
export async function timeReady(
  measure: ReadyMeasure & { spec: NonNullable<ReadyMeasure["spec"]> },
  options: { cwd: string; scratch: string },
): Promise<number> {
  const server = await startServer(measure.spec, {
    launcher: NO_PINNING,
    core: 0,
    pollMs: READY_POLL_MS,
    ...options,
  });
  await server.stop();
  return server.readyMs;
}

/**
 * Runs `warmup + runs` rounds; `runRound` gets the measurement indexes in
 * this round's order and returns one time per index, in that order. Keeps
 * the last `runs` samples of each measurement.
 */
export async function sampleRounds(
  count: number,
  options: { warmup: number; runs: number },
  runRound: (order: readonly number[]) => Promise<number[]> | number[],
): Promise<number[][]> {
  const samples: number[][] = Array.from({ length: count }, () => []);
  for (let round = 0; round < options.warmup + options.runs; round++) {
    const order = roundOrder(count, round);
    const times = await runRound(order);
    if (times.length !== order.length) throw new Error(`round ${round}: ${times.length} times for ${count}`);
    if (round < options.warmup) continue;
    for (const [position, index] of order.entries()) samples[index]!.push(times[position]!);
  }
  return samples;
}

/** A runRound that runs the timings one after the other, in the round's order. */
export function sequentially(timings: readonly (() => Promise<number>)[]) {
  return async (order: readonly number[]): Promise<number[]> => {
    const times: number[] = [];
    for (const index of order) times.push(await timings[index]!());
    return times;
  };
}
