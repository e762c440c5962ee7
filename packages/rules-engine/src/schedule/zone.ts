import { naiveMs, SECOND_MS } from "./wall-time.js";

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
