/**
 * Wall-clock times are carried as "naive" milliseconds: the epoch milliseconds whose UTC fields
 * equal the local fields (2026-03-08 02:30 local ⇒ Date.UTC(2026, 2, 8, 2, 30)). They name a
 * reading of a clock on the wall, not an instant; only `zone.ts` turns them into instants.
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Naive milliseconds for local fields (month 1-12); years 0-99 are not shifted to the 1900s. */
export function naiveMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
) {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** `2026-03-08` for a naive time. */
export function formatWallDate(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `2026-03-08T02:30:00` for a naive time (whole seconds; no offset, it is not an instant). */
export function formatWallTime(wallMs: number): string {
  const d = new Date(wallMs);
  return `${formatWallDate(wallMs)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `02:30`, or `02:30:15` when the seconds matter, for messages. */
export function formatClock(wallMs: number, withSeconds: boolean): string {
  const d = new Date(wallMs);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withSeconds || d.getUTCSeconds() !== 0 ? `${clock}:${pad(d.getUTCSeconds())}` : clock;
}

/** `-04:00`, `+13:45`, `+00:00`; historical offsets with seconds get `:SS` appended. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const totalSeconds = Math.abs(offsetMs) / SECOND_MS;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${sign}${pad(hours)}:${pad(minutes)}${seconds === 0 ? "" : `:${pad(seconds)}`}`;
}

/** ISO 8601 local time with its offset, e.g. `2026-03-08T03:00:00-04:00`. */
export function formatLocalIso(wallMs: number, offsetMs: number): string {
  return formatWallTime(wallMs) + formatOffset(offsetMs);
}

/** Start of the local day (naive) containing `wallMs`. */
export function startOfWallDay(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS) * DAY_MS;
}
