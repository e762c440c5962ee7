import type { Located } from "../merge.js";
import type { CatchUpConfig, ScheduleConfig } from "../model.js";
import { DEFAULTS } from "../model.js";
import type { RawTrigger } from "../raw-types.js";
import { checkCron, type DayMatch } from "../values/cron.js";
import { checkTimezone } from "../values/timezone.js";
import { type BuildContext, durationAt, keyPosAt, posAt, report, scalarTextAt } from "./context.js";

/** Builds a trigger's schedule: zone (own or top-level), cron checked by croner, dayMatch. */
export function buildSchedule(
  ctx: BuildContext,
  id: string,
  entry: Located<RawTrigger>,
  raw: NonNullable<RawTrigger["schedule"]>,
  zone: { timezone: string | undefined; timezoneInvalid: boolean },
): ScheduleConfig | undefined {
  const about = `schedule in trigger "${id}"`;
  let timezone = raw.timezone ?? zone.timezone;
  let valid = true;
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
      valid = false;
    }
  } else if (timezone === undefined) {
    valid = false;
  }
  if (raw.timezone === undefined && zone.timezone === undefined && !zone.timezoneInvalid) {
    report(
      ctx,
      "missing-timezone",
      keyPosAt(entry, "schedule"),
      `${about} has no time zone`,
      "set a top-level timezone (e.g. timezone: America/New_York) or schedule.timezone; seqd never uses the host's zone",
    );
  }
  const cron = cachedCheckCron(ctx, raw.cron, timezone ?? "UTC", raw.dayMatch);
  const cronText = scalarTextAt(entry, raw.cron, "schedule", "cron");
  if (!cron.ok) {
    report(ctx, cron.code, cronText.locate(cron.offset ?? 0), `${about}: ${cron.message}`, cron.hint);
    return undefined;
  }
  if (raw.dayMatch !== undefined && !cron.restrictsBothDays) {
    report(
      ctx,
      "day-match-unused",
      posAt(entry, "schedule", "dayMatch"),
      `${about}: dayMatch has no effect, the pattern does not restrict both day-of-month and day-of-week`,
      "remove dayMatch",
    );
  }
  if (!valid || timezone === undefined) return undefined;
  return {
    cron: raw.cron,
    timezone,
    ...(raw.dayMatch ? { dayMatch: raw.dayMatch } : {}),
    pos: posAt(entry, "schedule"),
  };
}

function cachedCheckCron(
  ctx: BuildContext,
  pattern: string,
  timezone: string,
  dayMatch: DayMatch | undefined,
) {
  const key = JSON.stringify([pattern, timezone, dayMatch]);
  let check = ctx.cronChecks.get(key);
  if (!check) {
    const checkNeverFires = ctx.neverFiresChecksLeft > 0;
    check = checkCron(pattern, { timezone, dayMatch, now: ctx.now, checkNeverFires });
    if (checkNeverFires) ctx.neverFiresChecksLeft--;
    ctx.cronChecks.set(key, check);
  }
  return check;
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
