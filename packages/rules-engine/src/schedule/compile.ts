import { didYouMean } from "@seqd/core";
import { Cron, type CronOptions, CronPattern } from "croner";
import { type CronProblem, humanizeCronError } from "./cron-messages.js";
import type { ScheduleError } from "./errors.js";
import { checkTimeZone } from "./time-zone-name.js";

/** How day-of-month and day-of-week combine when both are restricted: `any` (Vixie cron's OR) or `all` (AND). */
export type DayMatch = "any" | "all";

/** A schedule as written in the config. */
export interface ScheduleSpec {
  /** 5 fields (`min hour dom month dow`), 6 with leading seconds, or a nickname such as `@daily`. */
  cron: string;
  /** IANA zone the pattern's wall-clock times are read in; never the host's. */
  timezone: string;
  dayMatch?: DayMatch | undefined;
}

/** A compiled, immutable schedule. Pass it to the occurrence functions of this module. */
export interface Schedule {
  readonly cron: string;
  readonly timezone: string;
  readonly dayMatch?: DayMatch;
  /**
   * One value in each of the second, minute and hour fields (`30 2 * * *`): in a DST gap it runs
   * at the first instant after the gap that day, in a repeated hour once. Every other pattern runs
   * at each real instant whose wall time matches.
   */
  readonly fixedTime: boolean;
  /** The pattern has a seconds field. */
  readonly hasSeconds: boolean;
  /** Both day-of-month and day-of-week are restricted, so `dayMatch` decides how they combine. */
  readonly restrictsBothDays: boolean;
  /**
   * The first wall-clock time (naive ms, see wall-time.ts) strictly after `afterWallMs` that
   * matches the pattern, or null. Zone-free calendar arithmetic, computed by croner.
   */
  readonly nextMatchingWallTime: (afterWallMs: number) => number | null;
}

export type CompileScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: ScheduleError };

const NICKNAMES = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

/** Every 5/6-field pattern repeats within the 400-year Gregorian cycle; croner searches that far. */
const NEVER_MATCHES_PROBE_WALL_MS = Date.UTC(2000, 0, 1);

function cronerOptions(dayMatch: DayMatch | undefined): CronOptions {
  return {
    // Used as a zone-free calendar: wall times in, wall times out. Zones are ours (zone.ts).
    utcOffset: 0,
    mode: "5-or-6-parts",
    domAndDow: dayMatch === "all",
    sloppyRanges: false,
    alternativeWeekdays: false,
    fixedTimeRule: "single-value",
    // No callback is ever given, so croner never starts a timer; paused makes that explicit.
    paused: true,
  };
}

function fieldCountError(cron: string): string | undefined {
  if (cron.startsWith("@")) {
    if (NICKNAMES.includes(cron.toLowerCase())) return undefined;
    if (cron.toLowerCase() === "@reboot")
      return "@reboot is not a time: seqd schedules fire at times, not at start-up";
    const suggestion = didYouMean(cron, NICKNAMES);
    return `unknown nickname${suggestion ? ` (did you mean "${suggestion}"?)` : ` (known: ${NICKNAMES.join(", ")})`}`;
  }
  const count = cron.split(/\s+/).filter((field) => field !== "").length;
  if (count === 5 || count === 6) return undefined;
  return `expected 5 fields (minute hour day-of-month month day-of-week) or 6 with leading seconds, got ${count}`;
}

const singleValue = (flags: readonly number[]) => flags.filter((flag) => flag !== 0).length === 1;

/**
 * Checks and compiles a schedule. Refuses, as data: a pattern croner cannot parse, an unknown or
 * non-region zone, a pattern restricting both day-of-month and day-of-week without `dayMatch`,
 * and a pattern that matches no date.
 *
 * @example
 * const result = compileSchedule({ cron: "0 9 1,15 * *", timezone: "America/Chicago" });
 * if (!result.ok) console.error(result.error.message);
 */
export function compileSchedule(spec: ScheduleSpec): CompileScheduleResult {
  const cron = spec.cron.trim();
  // Offsets of the fields in the pattern as given, so a config can point at the one at fault.
  const fields = [...spec.cron.matchAll(/\S+/g)];
  const invalidCron = (problem: CronProblem): CompileScheduleResult => {
    const offset = problem.field === undefined ? undefined : fields[problem.field]?.index;
    return {
      ok: false,
      error: {
        code: "invalid_cron",
        message: `invalid cron "${cron}": ${problem.reason}`,
        ...(problem.hint === undefined ? {} : { hint: problem.hint }),
        ...(offset === undefined ? {} : { offset }),
      },
    };
  };
  const countError = fieldCountError(cron);
  if (countError !== undefined) return invalidCron({ reason: countError });

  let calendar: Cron;
  let pattern: CronPattern;
  try {
    const options = cronerOptions(spec.dayMatch);
    calendar = new Cron(cron, options);
    pattern = new CronPattern(cron, undefined, options);
  } catch (error) {
    return invalidCron(humanizeCronError(error, cron.split(/\s+/)));
  }

  const zoneError = checkTimeZone(spec.timezone);
  if (zoneError !== undefined) return { ok: false, error: zoneError };

  const bothDays = !pattern.starDOM && !pattern.starDOW;
  if (bothDays && pattern.useAndLogic && spec.dayMatch === undefined) {
    return {
      ok: false,
      error: {
        code: "ambiguous_day_match",
        message: `cron "${cron}" uses the "+" (all) day-of-week modifier`,
        hint: 'drop the "+" and write dayMatch: all, the one way seqd says "both must match"',
      },
    };
  }

  if (bothDays && spec.dayMatch === undefined) {
    return {
      ok: false,
      error: {
        code: "ambiguous_day_match",
        message: `cron "${cron}" restricts both day-of-month and day-of-week, and cron implementations disagree on how to combine them`,
        hint: "add dayMatch: any (run when either matches, like Vixie cron) or dayMatch: all (only when both match)",
      },
    };
  }

  if (pattern.useAndLogic && spec.dayMatch === "any") {
    return {
      ok: false,
      error: {
        code: "ambiguous_day_match",
        message: `cron "${cron}" uses the "+" (all) day-of-week modifier but dayMatch is any`,
        hint: 'drop the "+" or write dayMatch: all',
      },
    };
  }

  const nextMatchingWallTime = (afterWallMs: number) =>
    calendar.nextRun(new Date(afterWallMs))?.getTime() ?? null;
  if (nextMatchingWallTime(NEVER_MATCHES_PROBE_WALL_MS) === null) {
    return {
      ok: false,
      error: {
        code: "never_matches",
        message: `cron "${cron}" never matches: no date satisfies its day-of-month, month and day-of-week fields`,
        hint: "check the day against the month (February has at most 29 days; April, June, September and November 30)",
      },
    };
  }

  const schedule: Schedule = {
    cron,
    timezone: spec.timezone,
    ...(spec.dayMatch === undefined ? {} : { dayMatch: spec.dayMatch }),
    fixedTime: singleValue(pattern.second) && singleValue(pattern.minute) && singleValue(pattern.hour),
    hasSeconds: !cron.startsWith("@") && cron.split(/\s+/).length === 6,
    restrictsBothDays: bothDays,
    nextMatchingWallTime,
  };
  return { ok: true, schedule: Object.freeze(schedule) };
}
