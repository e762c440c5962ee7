import { type CompileScheduleResult, compileSchedule, type DayMatch } from "../../schedule/index.js";
import { assertNever } from "../../threshold/assert-never.js";
import type { Located } from "../merge.js";
import type { CatchUpConfig, ScheduleConfig } from "../model.js";
import { DEFAULTS } from "../model.js";
import type { RawTrigger } from "../raw-types.js";
import { checkTimezone } from "../values/timezone.js";
import { type BuildContext, durationAt, keyPosAt, posAt, report, scalarTextAt } from "./context.js";

/**
 * Builds a trigger's schedule: zone (own or top-level) and the pattern, compiled by the
 * schedule module (the one place cron is understood); its refusals become positioned issues.
 */
export function buildSchedule(
  ctx: BuildContext,
  id: string,
  entry: Located<RawTrigger>,
  raw: NonNullable<RawTrigger["schedule"]>,
  zone: { timezone: string | undefined; timezoneInvalid: boolean },
): ScheduleConfig | undefined {
  const about = `schedule in trigger "${id}"`;
  let timezone = raw.timezone ?? zone.timezone;
  if (raw.timezone !== undefined) {
    const check = checkTimezone(raw.timezone);
    if (!check.ok) {
      report(
        ctx,
        "invalid-timezone",
        posAt(entry, "schedule", "timezone"),
        `${about}: ${check.message}`,
        check.hint,
      );
      timezone = undefined;
    }
  } else if (timezone === undefined && !zone.timezoneInvalid) {
    report(
      ctx,
      "missing-timezone",
      keyPosAt(entry, "schedule"),
      `${about} has no time zone`,
      "set a top-level timezone (e.g. timezone: America/New_York) or schedule.timezone; seqd never uses the host's zone",
    );
  }
  // The pattern is checked even without a usable zone, so one run reports both problems.
  const result = cachedCompile(ctx, raw.cron, timezone ?? "UTC", raw.dayMatch);
  if (!result.ok) {
    const { error } = result;
    const cronText = scalarTextAt(entry, raw.cron, "schedule", "cron");
    switch (error.code) {
      case "invalid_cron":
      case "never_matches":
        report(
          ctx,
          "invalid-cron",
          cronText.locate(error.offset ?? 0),
          `${about}: ${error.message}`,
          error.hint,
        );
        return undefined;
      case "ambiguous_day_match":
        report(ctx, "ambiguous-days", cronText.locate(0), `${about}: ${error.message}`, error.hint);
        return undefined;
      case "invalid_timezone":
        // checkTimezone accepted the name, so only the stricter spelling rule can refuse it here.
        report(
          ctx,
          "invalid-timezone",
          raw.timezone === undefined ? keyPosAt(entry, "schedule") : posAt(entry, "schedule", "timezone"),
          `${about}: ${error.message}`,
          error.hint,
        );
        return undefined;
      default:
        return assertNever(error.code);
    }
  }
  if (raw.dayMatch !== undefined && !result.schedule.restrictsBothDays) {
    report(
      ctx,
      "day-match-unused",
      posAt(entry, "schedule", "dayMatch"),
      `${about}: dayMatch has no effect, the pattern does not restrict both day-of-month and day-of-week`,
      "remove dayMatch",
    );
  }
  if (timezone === undefined) return undefined;
  return {
    cron: raw.cron,
    timezone,
    ...(raw.dayMatch ? { dayMatch: raw.dayMatch } : {}),
    compiled: result.schedule,
    pos: posAt(entry, "schedule"),
  };
}

/** compileSchedule results by pattern, zone and dayMatch: many triggers share a pattern. */
function cachedCompile(
  ctx: BuildContext,
  cron: string,
  timezone: string,
  dayMatch: DayMatch | undefined,
): CompileScheduleResult {
  const key = JSON.stringify([cron, timezone, dayMatch]);
  let result = ctx.schedules.get(key);
  if (!result) {
    result = compileSchedule({ cron, timezone, dayMatch });
    ctx.schedules.set(key, result);
  }
  return result;
}

/** Builds catchUp: within is required for latest/all and meaningless for skip; max only with all. */
export function buildCatchUp(
  ctx: BuildContext,
  id: string,
  entry: Located<RawTrigger>,
  raw: RawTrigger["catchUp"],
): CatchUpConfig {
  if (!raw) return { policy: "skip" };
  const policy = raw.policy ?? "skip";
  const about = `catchUp in trigger "${id}"`;
  if (raw.max !== undefined && policy !== "all") {
    report(
      ctx,
      "catch-up",
      posAt(entry, "catchUp", "max"),
      `${about}: max applies only to policy: all`,
      "remove max, or use policy: all",
    );
  }
  if (policy === "skip") {
    if (raw.within !== undefined) {
      report(
        ctx,
        "catch-up",
        posAt(entry, "catchUp", "within"),
        `${about}: within has no effect with policy: skip`,
        "remove within, or use policy: latest or all",
      );
    }
    return { policy };
  }
  if (raw.within === undefined) {
    report(
      ctx,
      "catch-up",
      keyPosAt(entry, "catchUp"),
      `${about}: policy ${policy} needs within (how old a missed occurrence may be and still fire)`,
      "add within, e.g. within: 6h",
    );
    return { policy: "skip" };
  }
  const withinMs = durationAt(ctx, entry, raw.within, 0, "catchUp", "within");
  if (withinMs === 0) {
    report(ctx, "catch-up", posAt(entry, "catchUp", "within"), `${about}: within must be longer than 0s`);
  }
  return policy === "latest"
    ? { policy, withinMs }
    : { policy, withinMs, max: raw.max ?? DEFAULTS.catchUpMax };
}
