import { DAY_MS, naiveMs, SECOND_MS } from "./wall-time.js";

/**
 * Offset arithmetic for IANA zones, from the tz database the runtime ships (through `Intl`).
 * Nothing here reads the host time zone: every conversion names its zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      // h23, not hour12: false — some ICU versions print midnight as 24 with the latter.
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local wall-clock reading (naive ms, see wall-time.ts) of an instant in `timeZone`. */
export function wallTimeAt(timeZone: string, instantMs: number): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const subSecond = instantMs - Math.floor(instantMs / SECOND_MS) * SECOND_MS;
  return (
    naiveMs(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second) + subSecond
  );
}

/** UTC offset in ms at an instant (wall time minus instant): -4 h ⇒ -14_400_000. */
export function offsetAt(timeZone: string, instantMs: number): number {
  return wallTimeAt(timeZone, instantMs) - instantMs;
}

/** What a wall-clock time means in a zone: one instant, two (clocks went back), or none (clocks jumped). */
export type WallTimeResolution =
  | { kind: "single"; instantMs: number }
  | { kind: "repeated"; earlierMs: number; laterMs: number }
  | {
      kind: "skipped";
      /** The first instant after the gap: when the clock jumped past this wall time. */
      transitionMs: number;
      /** The wall time the clock jumped to (e.g. 03:00 for a 02:00 → 03:00 gap). */
      wallAfterMs: number;
    };

/**
 * Resolves a whole-second wall time to instants. The offsets a day before and a day after
 * bound the candidates (the method of the Temporal polyfill); this assumes no zone changes its
 * offset twice within two days, which holds for every transition in the tz database since 1970.
 */
export function resolveWallTime(timeZone: string, wallMs: number): WallTimeResolution {
  const offsets = new Set([offsetAt(timeZone, wallMs - DAY_MS), offsetAt(timeZone, wallMs + DAY_MS)]);
  const valid = [...offsets]
    .map((offset) => wallMs - offset)
    .filter((candidate) => wallTimeAt(timeZone, candidate) === wallMs)
    .sort((a, b) => a - b);
  const [first, second] = valid;
  if (first !== undefined && second !== undefined) {
    return { kind: "repeated", earlierMs: first, laterMs: second };
  }
  if (first !== undefined) return { kind: "single", instantMs: first };
  // No instant shows this wall time: the clock jumped over it. Before the jump the wall reads
  // less than wallMs, after it more; bisect for the first whole second reading more.
  let lo = wallMs - Math.max(...offsets);
  let hi = wallMs - Math.min(...offsets);
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * SECOND_MS)) * SECOND_MS;
    if (wallTimeAt(timeZone, mid) > wallMs) hi = mid;
    else lo = mid;
  }
  return { kind: "skipped", transitionMs: hi, wallAfterMs: wallTimeAt(timeZone, hi) };
}

/**
 * The first whole-second instant in (loMs, hiMs] whose offset differs from the offset at `loMs`,
 * given that the offsets at the two ends differ and only one change lies between them.
 */
export function firstInstantWithNewOffset(timeZone: string, loMs: number, hiMs: number): number {
  const before = offsetAt(timeZone, loMs);
  // tz database transitions fall on whole seconds, so search whole seconds only.
  let lo = Math.floor(loMs / SECOND_MS) * SECOND_MS;
  let hi = Math.ceil(hiMs / SECOND_MS) * SECOND_MS;
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * SECOND_MS)) * SECOND_MS;
    if (offsetAt(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}
