import { quote } from "../suggest.js";

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

export type TimeParse = { ok: true; date: Date } | { ok: false; message: string; hint?: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Parses a test time: ISO `2026-03-07T08:00` or `…:00` in `timezone` (wall-clock time
 * there), or with an explicit `Z` / `±HH:MM` offset. A wall time that does not exist
 * (spring-forward gap) or exists twice (fall-back) is refused: the test must say which
 * instant it means by adding an offset.
 *
 * @example parseLocalTime("2026-03-07T08:00:00", "America/New_York") // 13:00Z
 */
export function parseLocalTime(text: string, timezone: string | undefined): TimeParse {
  const match = DATE_TIME.exec(text);
  if (!match) {
    return {
      ok: false,
      message: `${quote(text)} is not a date and time`,
      hint: "write ISO local time like 2026-03-07T08:00:00 (optionally with an offset: …08:00:00-05:00)",
    };
  }
  const [, y, mo, d, h, mi, s = "0", offset] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  if (!sameFields(new Date(wall), fields)) {
    return {
      ok: false,
      message: `${quote(text)} is not a real date or time`,
      hint: "check the month, day and hour",
    };
  }
  if (offset !== undefined) {
    if (offset === "Z") return { ok: true, date: new Date(wall) };
    const sign = offset.startsWith("-") ? -1 : 1;
    const minutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6));
    return { ok: true, date: new Date(wall - sign * minutes * 60_000) };
  }
  if (timezone === undefined) {
    return {
      ok: false,
      message: `${quote(text)} has no offset and the config has no timezone`,
      hint: "set the top-level timezone (e.g. timezone: America/New_York) or add an offset",
    };
  }
  const candidates = wallToInstants(wall, timezone);
  if (candidates.length === 1) return { ok: true, date: new Date(candidates[0]!) };
  if (candidates.length === 0) {
    return {
      ok: false,
      message: `${quote(text)} does not exist in ${timezone} (clocks skip it when daylight saving time starts)`,
      hint: "pick a time outside the gap, or add an explicit offset",
    };
  }
  return {
    ok: false,
    message: `${quote(text)} happens twice in ${timezone} (clocks repeat it when daylight saving time ends)`,
    hint: `add the offset of the instant you mean: ${candidates.map((c) => text + formatOffset(wall - c)).join(" or ")}`,
  };
}

/** Every instant whose wall-clock time in `timezone` is `wall` (0, 1 or 2 of them). */
function wallToInstants(wall: number, timezone: string): number[] {
  const offsets = new Set([-86_400_000, 0, 86_400_000].map((shift) => offsetAt(wall + shift, timezone)));
  return [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timezone) === wall - instant)
    .sort((a, b) => a - b);
}

/** The zone's UTC offset (ms) at an instant. */
function offsetAt(instant: number, timezone: string): number {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timezone, format);
  }
  const parts = new Map(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const local = Date.UTC(
    parts.get("year")!,
    parts.get("month")! - 1,
    parts.get("day")!,
    parts.get("hour")!,
    parts.get("minute")!,
    parts.get("second")!,
  );
  return local - Math.floor(instant / 1000) * 1000;
}

function sameFields(date: Date, [y, mo, d, h, mi, s]: readonly number[]): boolean {
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo! - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

function formatOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
