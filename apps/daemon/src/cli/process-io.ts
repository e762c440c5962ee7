import type { Io } from "./io.js";

/** The real process as an Io: signals become the stop and reload notifications. */
export function createProcessIo(): Io {
  const reloadListeners = new Set<() => void>();
  process.on("SIGHUP", () => {
    for (const listener of reloadListeners) listener();
  });
  const stopRequested = new Promise<string>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      resolve(signal);
      // A second signal means "now": the command had its chance to drain.
      process.once(signal, () => process.exit(130));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stopRequested,
    onReload(listener) {
      reloadListeners.add(listener);
      return () => reloadListeners.delete(listener);
    },
  };
}
