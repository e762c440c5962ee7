import { formatLocalIso } from "../schedule/wall-time.js";
import { offsetAt } from "../schedule/zone.js";

/** `2026-03-07T09:00:10-05:00` in `timeZone` (UTC without one): how test output shows times. */
export function formatInstant(instant: Date, timeZone: string | undefined): string {
  const ms = instant.getTime();
  const offset = offsetAt(timeZone ?? "UTC", ms);
  return formatLocalIso(ms + offset, offset);
}
