import { describe, expect, it } from "vitest";
import { compileSchedule, type DayMatch, type Schedule } from "./compile.js";
import { nextOccurrences } from "./next-occurrences.js";
import { occurrencesBetween } from "./occurrences.js";

/** A compiled schedule for tests; fails loudly with the refusal if it does not compile. */
export function compiled(cron: string, timezone: string, dayMatch?: DayMatch): Schedule {
  const result = compileSchedule({ cron, timezone, dayMatch });
  if (!result.ok) throw new Error(`test schedule refused: ${result.error.message}`);
  return result.schedule;
}

/** Instants written as ISO strings with offsets (`2026-03-08T03:00:00-04:00`), as Dates. */
export const instants = (...isoTimes: string[]) => isoTimes.map((iso) => new Date(iso));

/** A DST matrix row: the pattern, the instant to start after, the local times it runs at next. */
export type DstRow = [cron: string, after: string, expected: string[]];

/** Rows by case name, grouped under headings that start with the zone name. */
export type DstMatrix = Record<string, Record<string, DstRow>>;

/** One test per row: `nextOccurrences` gives exactly these local times, `occurrencesBetween` these instants. */
export function describeDstMatrix(matrix: DstMatrix): void {
  describe.each(Object.entries(matrix))("%s", (heading, rows) => {
    const zone = heading.split(" ")[0]!;
    it.each(Object.entries(rows))("%s", (_, [cron, after, expected]) => {
      const schedule = compiled(cron, zone);
      const described = nextOccurrences(schedule, new Date(after), expected.length);
      expect(described.map((occurrence) => occurrence.local)).toEqual(expected);
      // The same instants through the daemon's path, bounded by the last expected one.
      const upTo = new Date(expected.at(-1)!);
      expect(occurrencesBetween(schedule, new Date(after), upTo, 100)).toEqual({
        occurrences: instants(...expected),
        truncated: false,
      });
    });
  });
}
