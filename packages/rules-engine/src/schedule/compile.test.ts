import { describe, expect, it } from "vitest";
import { compileSchedule, type ScheduleSpec } from "./compile.js";
import { occurrencesBetween } from "./occurrences.js";
import { instants } from "./test-helpers.js";

function refusal(spec: ScheduleSpec) {
  const result = compileSchedule(spec);
  if (result.ok) throw new Error(`expected "${spec.cron}" in ${spec.timezone} to be refused`);
  return result.error;
}

const refusedCron = (cron: string) => refusal({ cron, timezone: "UTC" });

describe("compileSchedule accepts", () => {
  it.each([
    // cron, fixedTime, hasSeconds
    ["30 2 * * *", true, false],
    ["0 30 2 * * *", true, true],
    ["15 30 2 * * *", true, true],
    ["* 30 2 * * *", false, true],
    ["0 2,14 * * *", false, false],
    ["30 1-2 * * *", false, false],
    ["*/30 * * * *", false, false],
    ["0 * * * *", false, false],
    ["0 9 1,15 * *", true, false],
    ["0 9 L * *", true, false],
    ["0 9 * * FRI#2", true, false],
    ["0 9 ? * ?", true, false],
    ["@daily", true, false],
    ["@hourly", false, false],
    // A step that leaves one value is a single value: it moves past a gap like `0 0 * * *`.
    ["0 */24 * * *", true, false],
  ] as const)("%s (fixed time: %s, seconds: %s)", (cron, fixedTime, hasSeconds) => {
    const result = compileSchedule({ cron, timezone: "America/New_York" });
    expect(result).toMatchObject({
      ok: true,
      schedule: { cron, timezone: "America/New_York", fixedTime, hasSeconds },
    });
  });

  it("trims the pattern, freezes the schedule and serializes without its calendar", () => {
    const result = compileSchedule({ cron: "  0 9 * * 1-5 ", timezone: "Europe/London" });
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.isFrozen(result.schedule)).toBe(true);
    expect(JSON.parse(JSON.stringify(result.schedule))).toEqual({
      cron: "0 9 * * 1-5",
      timezone: "Europe/London",
      fixedTime: true,
      hasSeconds: false,
      restrictsBothDays: false,
    });
  });

  it.each(["UTC", "Etc/UTC", "US/Eastern", "Etc/GMT+5", "Asia/Kolkata", "Pacific/Chatham"])(
    "time zone %s",
    (timezone) => {
      expect(compileSchedule({ cron: "0 9 * * *", timezone }).ok).toBe(true);
    },
  );
});

describe("compileSchedule refuses invalid patterns with readable messages", () => {
  it.each([
    [
      "",
      'invalid cron "": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with leading seconds, got 0',
    ],
    [
      "0 9 * *",
      'invalid cron "0 9 * *": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with leading seconds, got 4',
    ],
    [
      "0 0 9 * * * 2026",
      'invalid cron "0 0 9 * * * 2026": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with leading seconds, got 7',
    ],
    ["61 * * * *", 'invalid cron "61 * * * *": minute value 61 is out of range (0-59)'],
    ["0 24 * * *", 'invalid cron "0 24 * * *": hour value 24 is out of range (0-23)'],
    ["0 0 32 * *", 'invalid cron "0 0 32 * *": day-of-month value 32 is out of range (1-31, L or W)'],
    ["0 0 0 * *", 'invalid cron "0 0 0 * *": day-of-month value 0 is out of range (1-31, L or W)'],
    ["0 0 * 13 *", 'invalid cron "0 0 * 13 *": month value 13 is out of range (1-12 or JAN-DEC)'],
    [
      "0 0 * * 8",
      'invalid cron "0 0 * * 8": day-of-week value 8 is out of range (0-7 or SUN-SAT; 0 and 7 are Sunday)',
    ],
    ["60 0 0 * * *", 'invalid cron "60 0 0 * * *": second value 60 is out of range (0-59)'],
    ["0 9 x * *", 'invalid cron "0 9 x * *": day-of-month field "x" contains characters cron does not allow'],
    [
      "0 9 * * MON-FRY",
      'invalid cron "0 9 * * MON-FRY": day-of-week field "MON-FRY" contains characters cron does not allow',
    ],
    ["0 9 * * 5#6", 'invalid cron "0 9 * * 5#6": day-of-week "#6" is out of range (#1-#5)'],
    ["5-1 * * * *", 'invalid cron "5-1 * * * *": range "5-1" runs from high to low'],
    ["0 9 , * *", 'invalid cron "0 9 , * *": day-of-month field has an empty value (check the commas)'],
    ["0 9 * * 1L5", 'invalid cron "0 9 * * 1L5": day-of-week value "1L5" is not a number'],
    [
      "5/15 * * * *",
      'invalid cron "5/15 * * * *": minute field "5/15": a step needs "*" or a range before "/"',
    ],
    ["@dialy", 'invalid cron "@dialy": unknown nickname (did you mean "@daily"?)'],
    [
      "@reboot",
      'invalid cron "@reboot": @reboot is not a time: seqd schedules fire at times, not at start-up',
    ],
  ])("%j", (cron, message) => {
    expect(refusedCron(cron)).toMatchObject({ code: "invalid_cron", message });
  });

  it.each([
    // cron, offset of the field at fault in the pattern as given, hint
    ["61 * * * *", 0, undefined],
    ["  0 24 * * *", 4, undefined],
    ["0 9 1 13 *", 6, undefined],
    ["0 0 9 * * 8", 10, undefined],
    [
      "0 9 * * MON-FRY",
      8,
      "day-of-week accepts 0-7 or SUN-SAT; 0 and 7 are Sunday, lists, ranges and */steps",
    ],
    ["0 9 * * 5#6", 8, undefined],
    ["0 5-1 * * *", 2, undefined],
    ["5/15 * * * *", 0, 'write "*/15" or "5-59/15"'],
    ["*/5 /2 * * *", 4, 'write "*/2" or "0-23/2"'],
    ["0 0 9 * * *", undefined, undefined],
  ] as const)("%j points at its field (offset %s)", (cron, offset, hint) => {
    const result = compileSchedule({ cron, timezone: "UTC" });
    if (offset === undefined) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_cron", offset } });
    if (!result.ok) expect(result.error.hint).toBe(hint);
  });

  it("explains the + modifier without dayMatch", () => {
    expect(refusedCron("0 9 1 * +MON")).toEqual({
      code: "ambiguous_day_match",
      message: 'cron "0 9 1 * +MON" uses the "+" (all) day-of-week modifier',
      hint: 'drop the "+" and write dayMatch: all, the one way seqd says "both must match"',
    });
  });

  it("refuses a pattern that matches no date", () => {
    expect(refusedCron("0 0 30 2 *")).toMatchInlineSnapshot(`
      {
        "code": "never_matches",
        "hint": "check the day against the month (February has at most 29 days; April, June, September and November 30)",
        "message": "cron "0 0 30 2 *" never matches: no date satisfies its day-of-month, month and day-of-week fields",
      }
    `);
    expect(refusedCron("0 0 31 4,6,9,11 *").code).toBe("never_matches");
  });

  it("accepts rare but real dates: February 29th, and February 29th on a Monday", () => {
    const leapDay = compileSchedule({ cron: "0 0 29 2 *", timezone: "UTC" });
    const leapMonday = compileSchedule({ cron: "0 0 29 2 1", timezone: "UTC", dayMatch: "all" });
    if (!leapDay.ok || !leapMonday.ok) throw new Error("refused");
    const from = new Date("2026-01-01T00:00:00Z");
    const to = new Date("2100-01-01T00:00:00Z");
    expect(occurrencesBetween(leapDay.schedule, from, to, 1).occurrences).toEqual(
      instants("2028-02-29T00:00:00Z"),
    );
    expect(occurrencesBetween(leapMonday.schedule, from, to).occurrences).toEqual(
      instants("2044-02-29T00:00:00Z", "2072-02-29T00:00:00Z"),
    );
  });
});

describe("compileSchedule refuses time zones that are not IANA region names", () => {
  it.each([
    ["America/New_Yrok", 'unknown time zone "America/New_Yrok"', 'did you mean "America/New_York"?'],
    [
      "Mars/Olympus",
      'unknown time zone "Mars/Olympus"',
      'use a region name such as "America/New_York", or "UTC"',
    ],
    ["", 'unknown time zone ""', 'use a region name such as "America/New_York", or "UTC"'],
    ["+05:00", 'unknown time zone "+05:00"', 'use a region name such as "America/New_York", or "UTC"'],
    // EST is a fixed UTC-5 all year: someone writing it for New York would be an hour off in summer.
    [
      "EST",
      'time zone "EST" is a legacy alias, not a region name',
      'use a region name such as "America/New_York", or "UTC"',
    ],
    [
      "EST5EDT",
      'time zone "EST5EDT" is a legacy alias, not a region name',
      'use a region name such as "America/New_York", or "UTC"',
    ],
    ["Japan", 'time zone "Japan" is a legacy alias, not a region name', 'did you mean "Asia/Tokyo"?'],
    ["utc", 'time zone "utc" is not spelled as in the tz database', 'did you mean "UTC"?'],
    [
      "europe/london",
      'time zone "europe/london" is not spelled as in the tz database',
      'did you mean "Europe/London"?',
    ],
  ])("%j", (timezone, message, hint) => {
    expect(refusal({ cron: "0 9 * * *", timezone })).toEqual({ code: "invalid_timezone", message, hint });
  });

  it("reports the cron problem first when both are wrong", () => {
    expect(refusal({ cron: "0 9 * *", timezone: "Nowhere" }).code).toBe("invalid_cron");
  });
});

describe("day-of-month and day-of-week together", () => {
  const from = new Date("2026-06-01T00:00:00Z");
  const to = new Date("2027-03-02T00:00:00Z");

  it("refuses a pattern restricting both without dayMatch", () => {
    expect(refusal({ cron: "0 9 1 * 1", timezone: "America/New_York" })).toMatchInlineSnapshot(`
      {
        "code": "ambiguous_day_match",
        "hint": "add dayMatch: any (run when either matches, like Vixie cron) or dayMatch: all (only when both match)",
        "message": "cron "0 9 1 * 1" restricts both day-of-month and day-of-week, and cron implementations disagree on how to combine them",
      }
    `);
    // L and a step restrict too: only "*" (or "?") leaves a field open.
    expect(refusal({ cron: "0 9 L * 5", timezone: "UTC" }).code).toBe("ambiguous_day_match");
    expect(refusal({ cron: "0 9 */2 * 1-5", timezone: "UTC" }).code).toBe("ambiguous_day_match");
    expect(refusal({ cron: "0 9 1 * +1", timezone: "UTC" }).code).toBe("ambiguous_day_match");
  });

  it("dayMatch any runs on the 1st and on every Monday (Vixie OR)", () => {
    const result = compileSchedule({ cron: "0 9 1 * 1", timezone: "America/New_York", dayMatch: "any" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.schedule.dayMatch).toBe("any");
    expect(occurrencesBetween(result.schedule, from, new Date("2026-07-02T00:00:00Z")).occurrences).toEqual(
      instants(
        "2026-06-01T09:00:00-04:00",
        "2026-06-08T09:00:00-04:00",
        "2026-06-15T09:00:00-04:00",
        "2026-06-22T09:00:00-04:00",
        "2026-06-29T09:00:00-04:00",
        "2026-07-01T09:00:00-04:00",
      ),
    );
  });

  it("dayMatch all runs only on Mondays that are the 1st (AND)", () => {
    const result = compileSchedule({ cron: "0 9 1 * 1", timezone: "America/New_York", dayMatch: "all" });
    if (!result.ok) throw new Error(result.error.message);
    expect(occurrencesBetween(result.schedule, from, to).occurrences).toEqual(
      instants("2026-06-01T09:00:00-04:00", "2027-02-01T09:00:00-05:00", "2027-03-01T09:00:00-05:00"),
    );
  });

  it("the + modifier is AND: accepted with dayMatch all, refused with any", () => {
    const all = compileSchedule({ cron: "0 9 1 * +1", timezone: "America/New_York", dayMatch: "all" });
    if (!all.ok) throw new Error(all.error.message);
    expect(occurrencesBetween(all.schedule, from, to).occurrences).toHaveLength(3);
    expect(refusal({ cron: "0 9 1 * +1", timezone: "UTC", dayMatch: "any" })).toEqual({
      code: "ambiguous_day_match",
      message: 'cron "0 9 1 * +1" uses the "+" (all) day-of-week modifier but dayMatch is any',
      hint: 'drop the "+" or write dayMatch: all',
    });
  });

  it("accepts dayMatch where only one day field is restricted, and records it", () => {
    const result = compileSchedule({ cron: "0 9 * * 1", timezone: "UTC", dayMatch: "all" });
    expect(result).toMatchObject({ ok: true, schedule: { dayMatch: "all" } });
  });
});
