import { assertPositiveInteger, instantOf } from "./arguments.js";
import type { Schedule } from "./compile.js";
import { createOffsetTimeline, type WallTimeResolution } from "./offset-timeline.js";
import { DAY_MS, SECOND_MS, startOfWallDay } from "./wall-time.js";

/**
 * Occurrences are computed in two steps. croner, used as a zone-free calendar, lists the wall
 * times the pattern matches; this module turns each into the instants it means in the zone and
 * applies the DST rules (design.md §4):
 * - a wall time that happens once runs then;
 * - a wall time that happens twice (clocks went back) runs at both instants, except for a fixed
 *   time (`Schedule.fixedTime`), which runs once, at the first;
 * - a wall time that never happens (clocks jumped) does not run, except for a fixed time, which
 *   runs at the first instant after the gap if that is still the same local date.
 */
export interface RawOccurrence {
  instantMs: number;
  /** The wall time the pattern matched (naive ms); for a shifted one, the time that did not exist. */
  wallMs: number;
  shiftedFromGap: boolean;
  /** Set when the wall time happens twice that day: which of the two instants this is. */
  repeated?: "first" | "second";
}

function occurrencesOf(schedule: Schedule, wallMs: number, resolved: WallTimeResolution): RawOccurrence[] {
  switch (resolved.kind) {
    case "single":
      return [{ instantMs: resolved.instantMs, wallMs, shiftedFromGap: false }];
    case "repeated": {
      const first: RawOccurrence = {
        instantMs: resolved.earlierMs,
        wallMs,
        shiftedFromGap: false,
        repeated: "first",
      };
      if (schedule.fixedTime) return [first];
      return [first, { instantMs: resolved.laterMs, wallMs, shiftedFromGap: false, repeated: "second" }];
    }
    case "skipped": {
      const sameDay = startOfWallDay(resolved.wallAfterMs) === startOfWallDay(wallMs);
      if (!schedule.fixedTime || !sameDay) return [];
      return [{ instantMs: resolved.transitionMs, wallMs, shiftedFromGap: true }];
    }
  }
}

/** The earliest instant whose wall time is at least `wallMs` (no later match can run before it). */
function earliestInstant(resolved: WallTimeResolution): number {
  switch (resolved.kind) {
    case "single":
      return resolved.instantMs;
    case "repeated":
      return resolved.earlierMs;
    case "skipped":
      return resolved.transitionMs;
  }
}

/**
 * How far ahead an offset timeline reaches: short at first (a daemon tick looks a minute ahead),
 * doubling each time the calendar runs past it, so a long enumeration rebuilds it rarely.
 */
const FIRST_TIMELINE_SPAN_MS = 2 * DAY_MS;
const MAX_TIMELINE_SPAN_MS = 32 * DAY_MS;

function insertSorted(queue: RawOccurrence[], occurrence: RawOccurrence): void {
  let index = queue.length;
  while (index > 0 && queue[index - 1]!.instantMs > occurrence.instantMs) index--;
  queue.splice(index, 0, occurrence);
}

/**
 * Every occurrence strictly after `afterMs`, ascending and unique, lazily. Unbounded: stop
 * pulling when you have enough (the public functions all take a limit).
 */
export function* iterateOccurrences(schedule: Schedule, afterMs: number): Generator<RawOccurrence, void> {
  const zone = schedule.timezone;
  let spanMs = FIRST_TIMELINE_SPAN_MS;
  const timelineAround = (ms: number) => createOffsetTimeline(zone, ms - 2 * DAY_MS, ms + spanMs);
  let timeline = timelineAround(afterMs);
  // Instants after `afterMs` show an earlier wall time than it only if the clock goes back
  // within the next day, and by at most that step; start the calendar early enough for them.
  const backStep = Math.max(0, timeline.offsetAt(afterMs) - timeline.offsetAt(afterMs + DAY_MS));
  let cursor = afterMs + timeline.offsetAt(afterMs) - backStep - SECOND_MS;
  // Wall times repeated after a fall-back map to instants out of wall-time order; hold them
  // until no later wall time can produce an earlier instant.
  const queue: RawOccurrence[] = [];
  for (;;) {
    const wallMs = schedule.nextMatchingWallTime(cursor);
    if (wallMs === null) break;
    cursor = wallMs;
    if (!timeline.covers(wallMs)) {
      spanMs = Math.min(2 * spanMs, MAX_TIMELINE_SPAN_MS);
      timeline = timelineAround(wallMs);
    }
    const resolved = timeline.resolve(wallMs);
    const bound = earliestInstant(resolved);
    while (queue.length > 0 && queue[0]!.instantMs <= bound) yield queue.shift()!;
    for (const occurrence of occurrencesOf(schedule, wallMs, resolved)) {
      if (occurrence.instantMs > afterMs) insertSorted(queue, occurrence);
    }
    // Nothing else inside this gap can run; jump the calendar past it (per-second patterns).
    if (resolved.kind === "skipped" && !schedule.fixedTime) cursor = resolved.wallAfterMs - SECOND_MS;
  }
  yield* queue;
}

/** Default bound of `occurrencesBetween`: about a week of a per-minute schedule. */
export const DEFAULT_OCCURRENCE_LIMIT = 10_000;

/** Result of `occurrencesBetween`; `truncated` means more occurrences lie in the window after the last one. */
export interface OccurrencesBetween {
  occurrences: Date[];
  truncated: boolean;
}

/**
 * Occurrences with `afterExclusive < t <= upToInclusive`, ascending, at most `limit`. When
 * truncated, page on by calling again with the last occurrence as `afterExclusive`.
 *
 * @example occurrencesBetween(schedule, lastEvaluated, now) // what the daemon's tick fires or catches up
 */
export function occurrencesBetween(
  schedule: Schedule,
  afterExclusive: Date,
  upToInclusive: Date,
  limit = DEFAULT_OCCURRENCE_LIMIT,
): OccurrencesBetween {
  const afterMs = instantOf("afterExclusive", afterExclusive);
  const upToMs = instantOf("upToInclusive", upToInclusive);
  assertPositiveInteger("limit", limit);
  const occurrences: Date[] = [];
  for (const occurrence of iterateOccurrences(schedule, afterMs)) {
    if (occurrence.instantMs > upToMs) break;
    if (occurrences.length === limit) return { occurrences, truncated: true };
    occurrences.push(new Date(occurrence.instantMs));
  }
  return { occurrences, truncated: false };
}

/** The first `count` raw occurrences strictly after `after` (fewer only if the pattern ends). */
export function firstOccurrences(schedule: Schedule, after: Date, count: number): RawOccurrence[] {
  const afterMs = instantOf("after", after);
  assertPositiveInteger("count", count);
  const found: RawOccurrence[] = [];
  for (const occurrence of iterateOccurrences(schedule, afterMs)) {
    found.push(occurrence);
    if (found.length === count) break;
  }
  return found;
}
