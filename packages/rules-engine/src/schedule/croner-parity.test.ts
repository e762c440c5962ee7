import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import { occurrencesBetween } from "./occurrences.js";
import { compiled } from "./test-helpers.js";
import { dstTransitions } from "./transitions.js";

/**
 * Differential test against croner 11.0.1's own time-zone mode. We use croner only as a
 * zone-free calendar and apply the DST rules ourselves (occurrences.ts); croner 11 implements
 * the same rules (fixed times move past a gap and run once in a repeated hour; other patterns
 * skip gap times and run repeated times twice). Agreement here is evidence both are right; a
 * croner upgrade that changes its DST behaviour shows up here, not in money movements.
 */
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "Pacific/Chatham",
  "Asia/Kolkata",
  "America/Santiago", // gap at midnight
  "Australia/Lord_Howe", // 30-minute DST
  "America/Havana", // transitions at 00:00 and 01:00
  "Europe/Dublin", // "negative DST" in the tz source; offsets are what count
  "Africa/Casablanca", // DST suspended for Ramadan
];

const PATTERNS = [
  "30 2 * * *",
  "30 1 * * *",
  "0 2 * * *",
  "0 3 * * *",
  "50 2 * * *",
  "0 0 * * *",
  "30 0 * * *",
  "30 23 * * *",
  "*/30 * * * *",
  "*/15 * * * *",
  "0 * * * *",
  "0 2,14 * * *",
  "30 1-2 * * *",
  "0 30 2 * * *",
  "0 9 1,15 * *",
];

const HALF_DAY_MS = 12 * 3600_000;

function cronerRuns(cron: string, timezone: string, after: Date, upTo: Date): Date[] {
  const runs: Date[] = [];
  for (const run of new Cron(cron, { timezone, mode: "5-or-6-parts" }).enumerate(after)) {
    if (run > upTo) break;
    runs.push(run);
  }
  return runs;
}

describe.each(ZONES)(
  "same instants as croner's time-zone mode in %s, around each 2026-2027 transition",
  (zone) => {
    const transitions = dstTransitions(
      zone,
      new Date("2026-01-01T00:00:00Z"),
      new Date("2028-01-01T00:00:00Z"),
    );
    // A zone without transitions is compared over an ordinary day.
    const centres =
      transitions.length > 0 ? transitions.map((t) => t.at) : [new Date("2026-03-08T12:00:00Z")];

    it.each(PATTERNS)("%s", (cron) => {
      const schedule = compiled(cron, zone);
      for (const centre of centres) {
        const after = new Date(centre.getTime() - HALF_DAY_MS);
        const upTo = new Date(centre.getTime() + HALF_DAY_MS);
        const ours = occurrencesBetween(schedule, after, upTo).occurrences;
        expect(ours, `${cron} in ${zone} around ${centre.toISOString()}`).toEqual(
          cronerRuns(cron, zone, after, upTo),
        );
      }
    });

    it("has two transitions a year (none in Asia/Kolkata), so the comparisons above cross real ones", () => {
      expect(transitions.length).toBe(zone === "Asia/Kolkata" ? 0 : 4);
    });
  },
);
