import { instantOf } from "./arguments.js";
import { DAY_MS, formatWallDate, formatWallTime, HOUR_MS, MINUTE_MS, startOfWallDay } from "./wall-time.js";
import { firstInstantWithNewOffset, offsetAt, wallTimeAt } from "./zone.js";

/**
 * A change of a zone's UTC offset. Most are daylight-saving changes; a zone moving its standard
 * offset is reported the same way, since it skips or repeats wall times just the same.
 */
export interface DstTransition {
  /** The first instant on the new offset. */
  at: Date;
  /** `gap`: clocks jump forward and some wall times never happen; `overlap`: clocks go back and some happen twice. */
  kind: "gap" | "overlap";
  offsetBeforeMinutes: number;
  offsetAfterMinutes: number;
  /** The wall clock reading the jump starts from, e.g. `2026-03-08T02:00:00` (it never shows it). */
  wallBefore: string;
  /** The wall clock reading right after the jump, e.g. `2026-03-08T03:00:00`. */
  wallAfter: string;
  /** Local dates (YYYY-MM-DD) that have skipped or repeated wall times. */
  localDates: string[];
}

/** A transition in numbers, for the other schedule modules. */
export interface RawTransition {
  atMs: number;
  kind: "gap" | "overlap";
  offsetBeforeMs: number;
  offsetAfterMs: number;
  wallBeforeMs: number;
  wallAfterMs: number;
}

/**
 * Offsets are sampled this far apart and each change is bisected to the second. A zone that
 * changed its offset and changed it back within this span would be missed; none has.
 */
const SAMPLE_STEP_MS = 6 * HOUR_MS;

/**
 * Transitions are found per fixed bucket of time and memoized (a pure cache: same answers with
 * or without it), so the daemon's tick and the collision search do not resample a zone per call.
 */
const BUCKET_MS = 8 * DAY_MS;
const MAX_CACHED_BUCKETS = 2_048;
const bucketCache = new Map<string, readonly RawTransition[]>();

/** Transitions with `loMs < atMs <= hiMs`, by sampling. */
function sampleTransitions(timeZone: string, loMs: number, hiMs: number): RawTransition[] {
  const found: RawTransition[] = [];
  let lo = loMs;
  let loOffset = offsetAt(timeZone, lo);
  while (lo < hiMs) {
    const hi = Math.min(lo + SAMPLE_STEP_MS, hiMs);
    const hiOffset = offsetAt(timeZone, hi);
    if (hiOffset !== loOffset) {
      const atMs = firstInstantWithNewOffset(timeZone, lo, hi);
      found.push({
        atMs,
        kind: hiOffset > loOffset ? "gap" : "overlap",
        offsetBeforeMs: loOffset,
        offsetAfterMs: hiOffset,
        wallBeforeMs: atMs + loOffset,
        wallAfterMs: wallTimeAt(timeZone, atMs),
      });
    }
    lo = hi;
    loOffset = hiOffset;
  }
  return found;
}

function bucketTransitions(timeZone: string, bucket: number): readonly RawTransition[] {
  const key = `${timeZone}\u0000${bucket}`;
  let transitions = bucketCache.get(key);
  if (transitions === undefined) {
    transitions = sampleTransitions(timeZone, bucket * BUCKET_MS, (bucket + 1) * BUCKET_MS);
    if (bucketCache.size >= MAX_CACHED_BUCKETS) bucketCache.delete(bucketCache.keys().next().value!);
    bucketCache.set(key, transitions);
  }
  return transitions;
}

/** Transitions with `fromMs < atMs <= toMs`, ascending. */
export function findTransitions(timeZone: string, fromMs: number, toMs: number): RawTransition[] {
  const found: RawTransition[] = [];
  // Bucket k holds the transitions in (k·B, (k+1)·B].
  const last = Math.ceil(toMs / BUCKET_MS) - 1;
  for (let bucket = Math.ceil(fromMs / BUCKET_MS) - 1; bucket <= last; bucket++) {
    for (const transition of bucketTransitions(timeZone, bucket)) {
      if (transition.atMs > fromMs && transition.atMs <= toMs) found.push(transition);
    }
  }
  return found;
}

/** The naive wall-time range [start, end) that a transition skips (gap) or repeats (overlap). */
export function affectedWallRange(transition: RawTransition): { startMs: number; endMs: number } {
  return transition.kind === "gap"
    ? { startMs: transition.wallBeforeMs, endMs: transition.wallAfterMs }
    : { startMs: transition.wallAfterMs, endMs: transition.wallBeforeMs };
}

function localDates(transition: RawTransition): string[] {
  const { startMs, endMs } = affectedWallRange(transition);
  const dates: string[] = [];
  for (let day = startOfWallDay(startMs); day < endMs; day += DAY_MS) dates.push(formatWallDate(day));
  return dates;
}

/** Public shape of a raw transition. */
export function describeTransition(transition: RawTransition): DstTransition {
  return {
    at: new Date(transition.atMs),
    kind: transition.kind,
    offsetBeforeMinutes: transition.offsetBeforeMs / MINUTE_MS,
    offsetAfterMinutes: transition.offsetAfterMs / MINUTE_MS,
    wallBefore: formatWallTime(transition.wallBeforeMs),
    wallAfter: formatWallTime(transition.wallAfterMs),
    localDates: localDates(transition),
  };
}

/**
 * Offset changes of `timeZone` with `from < at <= to`, ascending.
 *
 * @example dstTransitions("America/New_York", new Date("2026-01-01Z"), new Date("2027-01-01Z"))
 *   // → [{ at: 2026-03-08T07:00:00Z, kind: "gap", wallBefore: "2026-03-08T02:00:00", wallAfter: "2026-03-08T03:00:00", … },
 *   //    { at: 2026-11-01T06:00:00Z, kind: "overlap", wallBefore: "2026-11-01T02:00:00", wallAfter: "2026-11-01T01:00:00", … }]
 */
export function dstTransitions(timeZone: string, from: Date, to: Date): DstTransition[] {
  return findTransitions(timeZone, instantOf("from", from), instantOf("to", to)).map(describeTransition);
}

/**
 * Whether the local date of `instant` in `timeZone` has wall times that are skipped or repeated
 * (the day is not 24 hours long). `seqd plan` marks occurrences on such days.
 */
export function isDstTransitionDay(instant: Date, timeZone: string): boolean {
  const day = startOfWallDay(wallTimeAt(timeZone, instantOf("instant", instant)));
  const date = formatWallDate(day);
  // Offsets stay within ±1 day, so every instant whose wall date is `date` lies in this window.
  return findTransitions(timeZone, day - DAY_MS - 1, day + 2 * DAY_MS).some((transition) =>
    localDates(transition).includes(date),
  );
}
