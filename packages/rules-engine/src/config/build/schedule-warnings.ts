import {
  type DstHazard,
  type DstHazardKind,
  dstHazards,
  nextOccurrences,
  type Schedule,
  sameMinuteCollisions,
} from "../../schedule/index.js";
import { assertNever } from "../../threshold/assert-never.js";
import { LIMITS } from "../limits.js";
import type { ScheduleTrigger, TriggerConfig } from "../model.js";
import { type BuildContext, report } from "./context.js";

/**
 * Warnings about the next 12 months of every schedule (from `ctx.now`): DST changes that move,
 * drop or double a run, and two triggers of one rule that can fire in the same minute.
 */
export function warnScheduleHazards(ctx: BuildContext, triggers: ReadonlyMap<string, TriggerConfig>): void {
  const from = ctx.now;
  const to = new Date(from);
  to.setUTCFullYear(to.getUTCFullYear() + 1);
  const schedules = [...triggers.values()].filter((t): t is ScheduleTrigger => t.kind === "schedule");
  const hazardsOf = new Map<Schedule, DstHazard[]>();
  for (const trigger of schedules) {
    const schedule = trigger.schedule.compiled;
    let hazards = hazardsOf.get(schedule);
    if (!hazards) {
      hazards = dstHazards(schedule, from, to).filter((hazard) => !hazard.runsEveryHour);
      hazardsOf.set(schedule, hazards);
    }
    for (const hazard of hazards) {
      report(
        ctx,
        "dst-hazard",
        trigger.schedule.pos,
        `schedule in trigger "${trigger.id}": ${hazard.message}`,
        dstHint(hazard.kind),
      );
    }
  }
  warnSameMinute(ctx, schedules, from, to);
}

function dstHint(kind: DstHazardKind): string {
  switch (kind) {
    case "gap_shifted":
      return "nothing is lost; to run at the written time every day, pick a time outside the DST change";
    case "gap_dropped":
      return "that date gets no run: pick a time that exists every day in this zone";
    case "overlap_once":
      return "it runs once, at the first of the two; pick a time outside the repeated hour if you meant the second";
    case "gap_skipped":
      return "that run is lost: move the hours out of the DST change, or use a fixed time (one minute and one hour), which moves past the gap";
    case "overlap_twice":
      return "that is one more run, and one more transfer: use a fixed time (one minute and one hour), which runs once, or move the hours out of the repeated hour";
    default:
      return assertNever(kind);
  }
}

/** Pairs of schedule triggers of one rule that fire within the same minute (the first such minute). */
function warnSameMinute(
  ctx: BuildContext,
  schedules: readonly ScheduleTrigger[],
  from: Date,
  to: Date,
): void {
  const byRule = new Map<string, ScheduleTrigger[]>();
  for (const trigger of schedules) {
    const list = byRule.get(trigger.rule) ?? [];
    list.push(trigger);
    byRule.set(trigger.rule, list);
  }
  // Each pair costs up to maxSteps lookups; a config with hundreds of triggers of one rule is checked partly.
  let pairsLeft = LIMITS.maxCollisionPairs;
  for (const [rule, list] of byRule) {
    for (const [j, later] of list.entries()) {
      for (const earlier of list.slice(0, j)) {
        if (pairsLeft-- <= 0) return;
        const found = sameMinuteCollisions(earlier.schedule.compiled, later.schedule.compiled, from, to, {
          maxCollisions: 1,
        });
        const first = found.collisions[0];
        if (!first) continue;
        const [run] = nextOccurrences(earlier.schedule.compiled, new Date(first.a.getTime() - 1), 1);
        report(
          ctx,
          "same-minute",
          later.schedule.pos,
          `triggers "${earlier.id}" and "${later.id}" both fire rule "${rule}" in the same minute, first at ${run?.local ?? first.a.toISOString()}: two transfers`,
          `if one transfer is meant, keep one trigger (or narrow a pattern); if both are, set minInterval on rule "${rule}" to space them`,
        );
      }
    }
  }
}
