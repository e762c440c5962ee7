/** What a command may touch of the process: streams, environment, working directory, signals. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /**
   * Resolves when the process is asked to stop (SIGINT/SIGTERM) and reports which
   * signal; long-running commands await it. Tests pass an AbortSignal-driven version.
   */
  stopRequested: Promise<string>;
  /** Subscribes to reload requests (SIGHUP); returns an unsubscribe function. */
  onReload(listener: () => void): () => void;
}

/** Exit codes shared by every command (sysexits.h where one fits). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 64,
  config: 78,
} as const;
