import { spawnSync } from "node:child_process";
import { cpus } from "node:os";

/** True when `command` can be started (it exists on PATH); its exit status does not matter. */
export function hasCommand(command: string, probe: readonly string[] = ["--version"]): boolean {
  const result = spawnSync(command, probe, { stdio: "ignore" });
  return result.error === undefined;
}

/**
 * How load-test processes are started: pinned to a core with `taskset` when
 * it exists and there are at least two cores, and at `nice -n -15` when
 * running as root (only root may raise priority). Both wrappers exec the
 * real command, so the spawned PID is the command's own.
 */
export interface Launcher {
  readonly taskset: boolean;
  readonly nice: boolean;
}

/** Starts commands as they are: for timings where pinning would distort (cold start). */
export const NO_PINNING: Launcher = { taskset: false, nice: false };

/** Detects what this machine allows. */
export function detectLauncher(): Launcher {
  return {
    taskset: cpus().length >= 2 && hasCommand("taskset"),
    nice: process.getuid?.() === 0 && hasCommand("nice"),
  };
}

/** The command line that runs `command args` on `core` with the launcher's priority. */
export function launchCommand(
  launcher: Launcher,
  core: number,
  command: string,
  args: readonly string[],
): { command: string; args: string[] } {
  const prefix = [
    ...(launcher.nice ? ["nice", "-n", "-15"] : []),
    ...(launcher.taskset ? ["taskset", "-c", String(core)] : []),
  ];
  const [first, ...rest] = [...prefix, command, ...args];
  return { command: first!, args: rest };
}

/** One line for reports: how processes were pinned and prioritized. */
export function describeLauncher(launcher: Launcher): string {
  const pinning = launcher.taskset ? "pinned with taskset" : "not pinned (no taskset, or fewer than 2 cores)";
  const priority = launcher.nice ? "nice -n -15" : "default priority (not root)";
  return `${pinning}; ${priority}`;
}
