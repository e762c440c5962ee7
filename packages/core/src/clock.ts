/**
 * All time in seqd flows through a Clock so that tests run on fake time.
 * `now()` is wall-clock time (what schedules mean); `monotonicMs()` only measures
 * elapsed time and never jumps when the wall clock is stepped.
 */
export interface Clock {
  now(): Date;
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

/** A clock that moves only when told to. Both readings advance together. */
export interface FakeClock extends Clock {
  /** Moves wall and monotonic time forward by `ms` (must be ≥ 0). */
  advance(ms: number): void;
  /** Steps the wall clock to `to` (forward or back) without touching monotonic time, like NTP would. */
  setWall(to: Date | string): void;
}

export function createFakeClock(start: Date | string = "2026-01-01T00:00:00Z"): FakeClock {
  let wallMs = new Date(start).getTime();
  if (Number.isNaN(wallMs)) throw new RangeError(`invalid fake clock start: ${String(start)}`);
  let monoMs = 0;
  return {
    now: () => new Date(wallMs),
    monotonicMs: () => monoMs,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`cannot advance a clock by ${ms} ms`);
      wallMs += ms;
      monoMs += ms;
    },
    setWall(to) {
      const next = new Date(to).getTime();
      if (Number.isNaN(next)) throw new RangeError(`invalid wall time: ${String(to)}`);
      wallMs = next;
    },
  };
}
