import { instantOf } from "./arguments.js";
import type { Schedule } from "./compile.js";
import {
  affectedWallRange,
  type DstTransition,
  describeTransition,
  findTransitions,
  type RawTransition,
} from "./transitions.js";
import {
  DAY_MS,
  formatClock,
  formatLocalIso,
  formatWallDate,
  formatWallTime,
  HOUR_MS,
  SECOND_MS,
  startOfWallDay,
} from "./wall-time.js";
import { offsetAt } from "./zone.js";

/**
 * What a DST change does to a schedule:
 * - `gap_shifted`: a fixed time does not exist that day and runs at the first instant after the gap;
 * - `gap_dropped`: a fixed time does not exist and the gap runs past the end of its date, so that
 *   date gets no run (only zones that skip a whole day, such as Pacific/Apia in 2011);
 * - `gap_skipped`: other patterns do not run at wall times that do not exist;
 * - `overlap_once`: a fixed time happens twice and runs once, at the first;
 * - `overlap_twice`: other patterns run at both instants of a repeated wall time.
 */
export type DstHazardKind = "gap_shifted" | "gap_dropped" | "gap_skipped" | "overlap_once" | "overlap_twice";

/** One way a transition changes when a schedule runs, with a message for config warnings. */
export interface DstHazard {
  kind: DstHazardKind;
  transition: DstTransition;
  /** The matching wall times the transition affects (`YYYY-MM-DDTHH:MM:SS`). */
  wallTimes: string[];
  /** For `gap_shifted` and `overlap_once`: the one instant it runs at. */
  runsAt?: { utc: Date; local: string };
  /**
   * The pattern matches in every hour of the day the transition happens on (`0 * * * *`, `*\/5 …`):
   * it keeps its real-time spacing through the change, so losing or doubling a run is expected.
   */
  runsEveryHour: boolean;
  message: string;
}

const LISTED_WALL_TIMES = 3;

/** Whether the pattern matches at least once in each of the 24 wall hours of the day of `wallMs`. */
function matchesEveryHour(schedule: Schedule, wallMs: number): boolean {
  const day = startOfWallDay(wallMs);
  for (let hour = day; hour < day + DAY_MS; hour += HOUR_MS) {
    const next = schedule.nextMatchingWallTime(hour - SECOND_MS);
    if (next === null || next >= hour + HOUR_MS) return false;
  }
  return true;
}

/** Every wall time in [startMs, endMs) the pattern matches. */
function matchingWallTimes(schedule: Schedule, startMs: number, endMs: number): number[] {
  const found: number[] = [];
  let cursor = startMs - SECOND_MS;
  for (;;) {
    const next = schedule.nextMatchingWallTime(cursor);
    if (next === null || next >= endMs) return found;
    found.push(next);
    cursor = next;
  }
}

function clockList(schedule: Schedule, wallTimes: readonly number[]): string {
  const shown = wallTimes.slice(0, LISTED_WALL_TIMES).map((wall) => formatClock(wall, schedule.hasSeconds));
  const more = wallTimes.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length === 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

function jumpText(schedule: Schedule, transition: RawTransition, date: string): string {
  const show = (wall: number) =>
    formatWallDate(wall) === date
      ? formatClock(wall, schedule.hasSeconds)
      : `${formatWallDate(wall)} ${formatClock(wall, schedule.hasSeconds)}`;
  const verb = transition.kind === "gap" ? "jump" : "go back";
  return `clocks ${verb} from ${show(transition.wallBeforeMs)} to ${show(transition.wallAfterMs)}`;
}

function runsAt(schedule: Schedule, instantMs: number): { utc: Date; local: string } {
  const offsetMs = offsetAt(schedule.timezone, instantMs);
  return { utc: new Date(instantMs), local: formatLocalIso(instantMs + offsetMs, offsetMs) };
}

function fixedTimeHazard(schedule: Schedule, transition: RawTransition, wallMs: number): DstHazard {
  const date = formatWallDate(wallMs);
  const where = `on ${date} in ${schedule.timezone} (${jumpText(schedule, transition, date)})`;
  const clock = formatClock(wallMs, schedule.hasSeconds);
  const base = {
    transition: describeTransition(transition),
    wallTimes: [formatWallTime(wallMs)],
    runsEveryHour: false,
  };
  if (transition.kind === "overlap") {
    // The first of the two instants is still on the old offset.
    const at = runsAt(schedule, wallMs - transition.offsetBeforeMs);
    return {
      ...base,
      kind: "overlap_once",
      runsAt: at,
      message: `${clock} happens twice ${where}: "${schedule.cron}" runs once, at the first (${at.local})`,
    };
  }
  if (startOfWallDay(transition.wallAfterMs) !== startOfWallDay(wallMs)) {
    return {
      ...base,
      kind: "gap_dropped",
      message: `${clock} does not exist ${where} and no later time is left that day: "${schedule.cron}" does not run for ${date}`,
    };
  }
  const at = runsAt(schedule, transition.atMs);
  return {
    ...base,
    kind: "gap_shifted",
    runsAt: at,
    message: `${clock} does not exist ${where}: "${schedule.cron}" runs at ${formatClock(transition.wallAfterMs, schedule.hasSeconds)} (${at.local}) instead`,
  };
}

function intervalHazard(
  schedule: Schedule,
  transition: RawTransition,
  wallTimes: readonly number[],
): DstHazard {
  const date = formatWallDate(wallTimes[0]!);
  const where = `on ${date} in ${schedule.timezone} (${jumpText(schedule, transition, date)})`;
  const clocks = clockList(schedule, wallTimes);
  const plural = wallTimes.length > 1;
  const base = {
    transition: describeTransition(transition),
    wallTimes: wallTimes.map(formatWallTime),
    runsEveryHour: matchesEveryHour(schedule, wallTimes[0]!),
  };
  if (transition.kind === "gap") {
    return {
      ...base,
      kind: "gap_skipped",
      message: `${clocks} ${plural ? "do" : "does"} not exist ${where}: "${schedule.cron}" does not run at ${plural ? "them" : "it"} (only a fixed time, a single second, minute and hour, moves past a gap)`,
    };
  }
  return {
    ...base,
    kind: "overlap_twice",
    message: `${clocks} ${plural ? "happen" : "happens"} twice ${where}: "${schedule.cron}" runs at both`,
  };
}

/**
 * How the DST transitions with `from < at <= to` change when `schedule` runs: a fixed time in a
 * gap (and when it runs instead), or in a repeated hour; other patterns losing or doubling runs.
 * The config validator warns about these for the next 12 months.
 *
 * @example dstHazards(compiled("30 2 * * *", "America/New_York"), jan1, dec31)[0].message
 * // '02:30 does not exist on 2026-03-08 in America/New_York (clocks jump from 02:00 to 03:00):
 * //  "30 2 * * *" runs at 03:00 (2026-03-08T03:00:00-04:00) instead'
 */
export function dstHazards(schedule: Schedule, from: Date, to: Date): DstHazard[] {
  const hazards: DstHazard[] = [];
  for (const transition of findTransitions(schedule.timezone, instantOf("from", from), instantOf("to", to))) {
    const { startMs, endMs } = affectedWallRange(transition);
    const wallTimes = matchingWallTimes(schedule, startMs, endMs);
    if (wallTimes.length === 0) continue;
    if (schedule.fixedTime) {
      for (const wallMs of wallTimes) hazards.push(fixedTimeHazard(schedule, transition, wallMs));
    } else {
      hazards.push(intervalHazard(schedule, transition, wallTimes));
    }
  }
  return hazards;
}
