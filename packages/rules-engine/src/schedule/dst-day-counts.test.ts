import { describe, expect, it } from "vitest";
import { occurrencesBetween } from "./occurrences.js";
import { compiled } from "./test-helpers.js";

/** Runs in one local day: [zone, first instant of the day, first instant of the next, hourly, every 30 min]. */
const DAY_COUNTS: [string, string, string, number, number][] = [
  ["America/New_York", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 23, 46],
  ["America/New_York", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 25, 50],
  ["America/New_York", "2027-03-14T00:00:00-05:00", "2027-03-15T00:00:00-04:00", 23, 46],
  ["America/New_York", "2027-11-07T00:00:00-04:00", "2027-11-08T00:00:00-05:00", 25, 50],
  ["Europe/London", "2026-03-29T00:00:00+00:00", "2026-03-30T00:00:00+01:00", 23, 46],
  ["Europe/London", "2026-10-25T00:00:00+01:00", "2026-10-26T00:00:00+00:00", 25, 50],
  ["Australia/Sydney", "2026-04-05T00:00:00+11:00", "2026-04-06T00:00:00+10:00", 25, 50],
  ["Australia/Sydney", "2026-10-04T00:00:00+10:00", "2026-10-05T00:00:00+11:00", 23, 46],
  ["Pacific/Chatham", "2026-04-05T00:00:00+13:45", "2026-04-06T00:00:00+12:45", 25, 50],
  ["Pacific/Chatham", "2026-09-27T00:00:00+12:45", "2026-09-28T00:00:00+13:45", 23, 46],
  ["Asia/Kolkata", "2026-03-08T00:00:00+05:30", "2026-03-09T00:00:00+05:30", 24, 48],
];

describe("runs per local day", () => {
  it.each(DAY_COUNTS)(
    "%s from %s: %i hourly, %i every 30 minutes",
    (zone, start, end, hourly, halfHourly) => {
      // (start - 1 ms, end - 1 ms] is exactly the local day.
      const from = new Date(new Date(start).getTime() - 1);
      const to = new Date(new Date(end).getTime() - 1);
      expect(occurrencesBetween(compiled("0 * * * *", zone), from, to).occurrences).toHaveLength(hourly);
      expect(occurrencesBetween(compiled("*/30 * * * *", zone), from, to).occurrences).toHaveLength(
        halfHourly,
      );
      expect(occurrencesBetween(compiled("0 12 * * *", zone), from, to).occurrences).toHaveLength(1);
    },
  );

  it("a per-second pattern runs every real second of a 23- and a 25-hour day, each once", () => {
    const perSecond = compiled("* * * * * *", "America/New_York");
    const spring = occurrencesBetween(
      perSecond,
      new Date("2026-03-08T04:59:59Z"),
      new Date("2026-03-09T03:59:59Z"),
      100_000,
    );
    const fall = occurrencesBetween(
      perSecond,
      new Date("2026-11-01T03:59:59Z"),
      new Date("2026-11-02T04:59:59Z"),
      100_000,
    );
    expect(spring.occurrences).toHaveLength(23 * 3600);
    expect(fall.occurrences).toHaveLength(25 * 3600);
    for (const { occurrences } of [spring, fall]) {
      // Consecutive and unique: every gap between runs is exactly one second.
      expect(
        occurrences.every((at, i) => i === 0 || at.getTime() - occurrences[i - 1]!.getTime() === 1000),
      ).toBe(true);
    }
  });
});
