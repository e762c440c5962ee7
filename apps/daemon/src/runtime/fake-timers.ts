import type { FakeClock } from "@seqd/core";
import type { TimerHandle, Timers } from "./timers.js";

/** {@link Timers} on a fake clock, moved only by the test. */
export interface FakeTimers extends Timers {
  /** How many callbacks are waiting. */
  pending(): number;
  /** Milliseconds from now until the next callback is due; undefined when none waits. */
  nextDueInMs(): number | undefined;
  /**
   * Advances the clock to the next due callback and runs it (and every other callback due
   * at that same instant, in scheduling order). Returns false when nothing waits.
   */
  runNext(): boolean;
  /** Advances the clock by `ms`, running each callback that falls due on the way, in order. */
  advance(ms: number): void;
}

interface Entry {
  id: number;
  dueMs: number;
  callback: () => void;
}

/**
 * Deterministic timers for tests: due times are measured on `clock.monotonicMs()`, and
 * running a timer first moves the fake clock (wall and monotonic) to its due time.
 *
 * @example
 * const clock = createFakeClock("2026-03-02T14:00:00Z");
 * const timers = createFakeTimers(clock);
 * timers.setTimeout(() => console.log(clock.now()), 5_000);
 * timers.runNext(); // logs 2026-03-02T14:00:05.000Z
 */
export function createFakeTimers(clock: FakeClock): FakeTimers {
  let entries: Entry[] = [];
  let nextId = 1;

  const due = (): Entry | undefined =>
    entries.reduce<Entry | undefined>(
      (best, entry) =>
        best === undefined || entry.dueMs < best.dueMs || (entry.dueMs === best.dueMs && entry.id < best.id)
          ? entry
          : best,
      undefined,
    );

  function runEntry(entry: Entry): void {
    const wait = entry.dueMs - clock.monotonicMs();
    if (wait > 0) clock.advance(wait);
    entries = entries.filter((other) => other.id !== entry.id);
    entry.callback();
  }

  return {
    setTimeout(callback, delayMs): TimerHandle {
      const id = nextId++;
      const wait = Number.isFinite(delayMs) ? Math.max(0, delayMs) : 0;
      entries.push({ id, dueMs: clock.monotonicMs() + wait, callback });
      return { id };
    },
    clearTimeout(handle) {
      entries = entries.filter((entry) => entry.id !== handle.id);
    },
    pending: () => entries.length,
    nextDueInMs() {
      const next = due();
      return next === undefined ? undefined : Math.max(0, next.dueMs - clock.monotonicMs());
    },
    runNext() {
      const next = due();
      if (next === undefined) return false;
      runEntry(next);
      for (let same = due(); same !== undefined && same.dueMs <= next.dueMs; same = due()) runEntry(same);
      return true;
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`cannot advance timers by ${ms} ms`);
      const until = clock.monotonicMs() + ms;
      for (let next = due(); next !== undefined && next.dueMs <= until; next = due()) runEntry(next);
      const rest = until - clock.monotonicMs();
      if (rest > 0) clock.advance(rest);
    },
  };
}

/**
 * Test driving: lets pending work finish (`settle`), then runs the next due timer, until
 * `condition` holds. Fails instead of hanging when nothing is scheduled or `maxSteps` run out.
 */
export async function driveTimersUntil(
  timers: FakeTimers,
  settle: () => Promise<void>,
  condition: () => boolean,
  maxSteps: number,
): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    await settle();
    if (condition()) return;
    if (!timers.runNext()) throw new Error("driveUntil: nothing is scheduled and the condition is false");
  }
  throw new Error(`driveUntil: condition still false after ${maxSteps} timer steps`);
}
