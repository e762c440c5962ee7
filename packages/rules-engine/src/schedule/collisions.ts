import { assertPositiveInteger, instantOf } from "./arguments.js";
import type { Schedule } from "./compile.js";
import { iterateOccurrences } from "./occurrences.js";
import { MINUTE_MS } from "./wall-time.js";

/** Two schedules both running within one UTC minute. */
export interface MinuteCollision {
  /** Start of the shared minute. */
  minute: Date;
  /** The first occurrence of each schedule in that minute. */
  a: Date;
  b: Date;
}

export interface MinuteCollisions {
  /** Ascending by minute. */
  collisions: MinuteCollision[];
  /** The search stopped at a bound: minutes after `searchedUpTo` were not examined. */
  truncated: boolean;
  /** Every minute in (from, searchedUpTo] was examined. */
  searchedUpTo: Date;
}

export interface CollisionSearchBounds {
  /** Stop after this many collisions (the validator needs one to warn). Default 10. */
  maxCollisions?: number;
  /** Stop after this many leapfrog steps (about 35 µs each). Default 10_000. */
  maxSteps?: number;
}

export const DEFAULT_COLLISION_BOUNDS = { maxCollisions: 10, maxSteps: 10_000 } as const;

function firstAfter(schedule: Schedule, afterMs: number): number | undefined {
  return iterateOccurrences(schedule, afterMs).next().value?.instantMs;
}

/**
 * Minutes in (from, to] in which both schedules run, so the validator can warn when two
 * triggers of one rule could fire in the same minute.
 *
 * Bounded leapfrog search: each step takes a's next occurrence, then b's first occurrence at or
 * after that minute; on a match it records the minute, otherwise it jumps a to b's minute. Each
 * step costs two lookups and passes at least one occurrence of a, so a daily schedule needs
 * about 365 steps a year whatever b is; two per-minute schedules that never collide need one
 * step per minute and stop at `maxSteps` with `truncated` and how far they got.
 */
export function sameMinuteCollisions(
  a: Schedule,
  b: Schedule,
  from: Date,
  to: Date,
  bounds: CollisionSearchBounds = {},
): MinuteCollisions {
  const fromMs = instantOf("from", from);
  const toMs = instantOf("to", to);
  const maxCollisions = bounds.maxCollisions ?? DEFAULT_COLLISION_BOUNDS.maxCollisions;
  const maxSteps = bounds.maxSteps ?? DEFAULT_COLLISION_BOUNDS.maxSteps;
  assertPositiveInteger("maxCollisions", maxCollisions);
  assertPositiveInteger("maxSteps", maxSteps);

  const collisions: MinuteCollision[] = [];
  const finished = () => ({ collisions, truncated: false, searchedUpTo: new Date(Math.max(fromMs, toMs)) });
  let cursor = fromMs;
  for (let step = 0; step < maxSteps; step++) {
    const x = firstAfter(a, cursor);
    if (x === undefined || x > toMs) return finished();
    const minuteMs = Math.floor(x / MINUTE_MS) * MINUTE_MS;
    const y = firstAfter(b, minuteMs - 1);
    if (y === undefined || y > toMs) return finished();
    if (y < minuteMs + MINUTE_MS) {
      collisions.push({ minute: new Date(minuteMs), a: new Date(x), b: new Date(y) });
      cursor = minuteMs + MINUTE_MS - 1;
      if (collisions.length === maxCollisions) {
        return cursor >= toMs ? finished() : { collisions, truncated: true, searchedUpTo: new Date(cursor) };
      }
    } else {
      cursor = Math.floor(y / MINUTE_MS) * MINUTE_MS - 1;
    }
  }
  return { collisions, truncated: true, searchedUpTo: new Date(cursor) };
}
