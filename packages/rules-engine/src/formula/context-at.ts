import type { FormulaContext } from "./env.js";

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ["Sun", 0],
  ["Mon", 1],
  ["Tue", 2],
  ["Wed", 3],
  ["Thu", 4],
  ["Fri", 5],
  ["Sat", 6],
]);

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      month: "numeric",
      day: "numeric",
      weekday: "short",
      hour: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The context values of instant `now` in an IANA time zone (the config's
 * `timezone`), ready for `env.setContext`. Throws RangeError for an unknown zone.
 *
 * @example formulaContextAt(new Date("2026-03-08T07:30:00Z"), "America/New_York")
 * // { dayOfMonth: 8, dayOfWeek: 0, month: 3, hour: 3 }  (Sunday, just after the DST jump)
 */
export function formulaContextAt(now: Date, timeZone: string): FormulaContext {
  let dayOfMonth = 0;
  let dayOfWeek = 0;
  let month = 0;
  let hour = 0;
  for (const part of formatterFor(timeZone).formatToParts(now)) {
    switch (part.type) {
      case "day":
        dayOfMonth = Number(part.value);
        break;
      case "weekday":
        dayOfWeek = WEEKDAYS.get(part.value) ?? Number.NaN;
        break;
      case "month":
        month = Number(part.value);
        break;
      case "hour":
        hour = Number(part.value);
        break;
    }
  }
  return { dayOfMonth, dayOfWeek, month, hour };
}
