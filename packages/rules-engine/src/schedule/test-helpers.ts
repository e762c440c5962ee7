import { compileSchedule, type DayMatch, type Schedule } from "./compile.js";

/** A compiled schedule for tests; fails loudly with the refusal if it does not compile. */
export function compiled(cron: string, timezone: string, dayMatch?: DayMatch): Schedule {
  const result = compileSchedule({ cron, timezone, dayMatch });
  if (!result.ok) throw new Error(`test schedule refused: ${result.error.message}`);
  return result.schedule;
}

/** Instants written as ISO strings with offsets (`2026-03-08T03:00:00-04:00`), as Dates. */
export const instants = (...isoTimes: string[]) => isoTimes.map((iso) => new Date(iso));
