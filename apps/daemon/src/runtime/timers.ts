import { type Clock, systemClock } from "@seqd/core";

/** An opaque handle of one scheduled callback. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Where the daemon schedules everything that happens later (polls, retries, lease
 * renewals, alert re-sends). Production uses {@link createRealTimers}; tests use
 * `createFakeTimers` driven by a fake clock, so nothing sleeps.
 */
export interface Timers {
  /** Runs `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a callback that has not run yet; unknown or finished handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The longest a real timer sleeps before looking at the clocks again. Like croner's
 * 30 s cap: after a suspend or a stepped wall clock, every wait re-judges itself
 * within this long instead of trusting one long kernel timer.
 */
export const MAX_TIMER_CHUNK_MS = 30_000;

/** Options of {@link createRealTimers}. */
export interface RealTimersOptions {
  clock?: Clock;
  /** Default {@link MAX_TIMER_CHUNK_MS}. */
  maxChunkMs?: number;
  /**
   * Default true: a pending timer does not keep the process alive (the daemon's sockets
   * and signal handling do). A one-shot command waiting on a retry passes false.
   */
  unref?: boolean;
}

/**
 * Real timers in chunks of at most `maxChunkMs`. A wait is over when EITHER the
 * monotonic or the wall clock says `delayMs` have passed: monotonic time does not
 * advance while a machine is suspended and the wall clock can be stepped back, so
 * taking the larger of the two never leaves a poll or a retry hanging; a wall clock
 * stepped forward at worst runs a wait early, which every caller tolerates (a retry
 * repeats the same idempotency key, a poll or a tick re-reads the clock).
 *
 * @example
 * const timers = createRealTimers();
 * const handle = timers.setTimeout(() => poll(), 300_000);
 * timers.clearTimeout(handle);
 */
export function createRealTimers(options: RealTimersOptions = {}): Timers {
  const clock = options.clock ?? systemClock;
  const maxChunkMs = options.maxChunkMs ?? MAX_TIMER_CHUNK_MS;
  const unref = options.unref ?? true;
  const live = new Map<number, NodeJS.Timeout>();
  let nextId = 1;

  /** Sleeps one chunk, then re-judges the wait against both clocks. */
  function schedule(id: number, callback: () => void, delayMs: number, startMono: number, startWall: number) {
    const elapsed = Math.max(clock.monotonicMs() - startMono, clock.now().getTime() - startWall);
    const timer = setTimeout(
      () => {
        const now = Math.max(clock.monotonicMs() - startMono, clock.now().getTime() - startWall);
        if (now >= delayMs) {
          live.delete(id);
          callback();
        } else {
          schedule(id, callback, delayMs, startMono, startWall);
        }
      },
      Math.max(0, Math.min(delayMs - elapsed, maxChunkMs)),
    );
    if (unref) timer.unref();
    live.set(id, timer);
  }

  return {
    setTimeout(callback, delayMs) {
      const id = nextId++;
      const wait = Number.isFinite(delayMs) ? Math.max(0, delayMs) : 0;
      schedule(id, callback, wait, clock.monotonicMs(), clock.now().getTime());
      return { id };
    },
    clearTimeout(handle) {
      const timer = live.get(handle.id);
      if (timer === undefined) return;
      clearTimeout(timer);
      live.delete(handle.id);
    },
  };
}

/** A promise that resolves after `delayMs` on `timers`, or rejects with `signal`'s reason. */
export function sleep(timers: Timers, delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
