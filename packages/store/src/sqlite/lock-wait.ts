import { StoreError } from "../errors.js";

/**
 * SQLite's own busy handler sleeps inside the call, freezing the whole event loop (and with
 * it the amount endpoint) for as long as another process holds the write lock. So the
 * connection's native busy timeout stays short and the rest of the wait happens here,
 * asynchronously, between attempts.
 */
export const NATIVE_BUSY_TIMEOUT_MS = 20;

const BACKOFF_MS = [2, 5, 10, 20, 50, 100];

/** Pauses without blocking the event loop. */
export type Pause = (ms: number) => Promise<void>;

const realPause: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Returns `retry(attempt)`: runs `attempt`, and while it fails with `LOCKED` pauses and tries
 * again until about `lockWaitMs` has gone by (counted from the attempts and pauses, not from a
 * clock, so fake clocks cannot stall it). Then the `LOCKED` error is thrown, saying how long it
 * waited.
 */
export function createLockWaiter(options: {
  lockWaitMs: number;
  nativeBusyMs: number;
  pause?: Pause;
}): <T>(attempt: () => T) => Promise<T> {
  const pause = options.pause ?? realPause;
  return async (attempt) => {
    let waited = 0;
    for (let round = 0; ; round += 1) {
      try {
        return attempt();
      } catch (error) {
        if (!(error instanceof StoreError) || error.code !== "LOCKED") throw error;
        waited += options.nativeBusyMs;
        if (waited >= options.lockWaitMs) {
          throw new StoreError(
            "LOCKED",
            `${error.message}; gave up after waiting ${waited} ms for another connection's write lock`,
            { cause: error },
          );
        }
        const delay = Math.min(BACKOFF_MS[round] ?? 100, options.lockWaitMs - waited);
        waited += delay;
        await pause(delay);
      }
    }
  };
}
