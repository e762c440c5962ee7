import type { Schedule } from "./compile.js";
import { firstOccurrences, type RawOccurrence } from "./occurrences.js";
import { isDstTransitionDay } from "./transitions.js";
import { formatLocalIso, formatWallDate, formatWallTime } from "./wall-time.js";
import { offsetAt } from "./zone.js";

/** One occurrence, described for `seqd plan` and logs. */
export interface Occurrence {
  /** When it runs. With the trigger id, this instant is the occurrence's identity. */
  utc: Date;
  /** The same instant as local ISO time with offset, e.g. `2026-03-08T03:00:00-04:00`. */
  local: string;
  /** The wall time the pattern matched, e.g. `2026-03-08T02:30:00`; differs from `local` only when shifted. */
  wallTime: string;
  /** The local date has skipped or repeated wall times (a DST change). */
  dstTransitionDay: boolean;
  /** The matched wall time did not exist (clocks jumped); it runs at the first instant after the gap. */
  shiftedFromGap?: true;
  /** The wall time happens twice that day (clocks went back): which of the two this is. */
  repeatedWallTime?: "first" | "second";
}

/** Describes raw occurrences; transition days are looked up once per local date. */
export function describeOccurrences(schedule: Schedule, raw: readonly RawOccurrence[]): Occurrence[] {
  const transitionDays = new Map<string, boolean>();
  return raw.map((occurrence) => {
    const offsetMs = offsetAt(schedule.timezone, occurrence.instantMs);
    const localWallMs = occurrence.instantMs + offsetMs;
    const date = formatWallDate(localWallMs);
    let dstTransitionDay = transitionDays.get(date);
    if (dstTransitionDay === undefined) {
      dstTransitionDay = isDstTransitionDay(new Date(occurrence.instantMs), schedule.timezone);
      transitionDays.set(date, dstTransitionDay);
    }
    return {
      utc: new Date(occurrence.instantMs),
      local: formatLocalIso(localWallMs, offsetMs),
      wallTime: formatWallTime(occurrence.wallMs),
      dstTransitionDay,
      ...(occurrence.shiftedFromGap ? { shiftedFromGap: true as const } : {}),
      ...(occurrence.repeated === undefined ? {} : { repeatedWallTime: occurrence.repeated }),
    };
  });
}

/**
 * The next `count` occurrences strictly after `after`, described (local time, DST marks).
 *
 * @example nextOccurrences(schedule, new Date("2026-03-07T12:00:00Z"), 1)
 * // "30 2 * * *" in America/New_York →
 * // [{ utc: 2026-03-08T07:00:00.000Z, local: "2026-03-08T03:00:00-04:00", wallTime: "2026-03-08T02:30:00",
 * //    dstTransitionDay: true, shiftedFromGap: true }]
 */
export function nextOccurrences(schedule: Schedule, after: Date, count: number): Occurrence[] {
  return describeOccurrences(schedule, firstOccurrences(schedule, after, count));
}
