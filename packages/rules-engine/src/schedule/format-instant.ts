import { formatLocalIso } from "./wall-time.js";
import { offsetAt } from "./zone.js";

/**
 * An instant as local ISO time with its offset in `timeZone` (UTC without one), as `seqd test`
 * and `seqd plan` show times.
 *
 * @example formatInstant(new Date("2026-03-07T14:00:10Z"), "America/New_York") // "2026-03-07T09:00:10-05:00"
 */
export function formatInstant(instant: Date, timeZone: string | undefined): string {
  const ms = instant.getTime();
  const offset = offsetAt(timeZone ?? "UTC", ms);
  return formatLocalIso(ms + offset, offset);
}
