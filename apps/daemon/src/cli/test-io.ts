import type { Io } from "./io.js";

export interface TestIo extends Io {
  out(): string;
  err(): string;
  /** Simulates SIGINT/SIGTERM. */
  stop(signal?: string): void;
  /** Simulates SIGHUP. */
  reload(): void;
}

/** An in-memory Io for command tests: captures output, lets the test send signals. */
export function createTestIo(options: { env?: Record<string, string>; cwd?: string } = {}): TestIo {
  let stdout = "";
  let stderr = "";
  let resolveStop: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    resolveStop = resolve;
  });
  const reloadListeners = new Set<() => void>();
  return {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stopRequested,
    onReload(listener) {
      reloadListeners.add(listener);
      return () => reloadListeners.delete(listener);
    },
    out: () => stdout,
    err: () => stderr,
    stop: (signal = "SIGTERM") => resolveStop(signal),
    reload: () => {
      for (const listener of reloadListeners) listener();
    },
  };
}
