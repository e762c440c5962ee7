import { formatMoneyLiteral } from "@seqd/core";
import { checkThresholdDefinition, type ThresholdDefinition } from "../../threshold/index.js";
import type { Located } from "../merge.js";
import type { ThresholdSpec } from "../model.js";
import type { RawTrigger } from "../raw-types.js";
import { type BuildContext, durationAt, keyPosAt, moneyAt, posAt, report } from "./context.js";
import { checkReference, type IdSet } from "./references.js";

/**
 * Builds a threshold: exactly one of below/above, the matching rearm level on the right
 * side of it (default: the level itself), for/cooldown, and warns when nothing stops it
 * from firing again each time the balance flaps across the level.
 */
export function buildThreshold(
  ctx: BuildContext,
  id: string,
  entry: Located<RawTrigger>,
  raw: NonNullable<RawTrigger["threshold"]>,
  accounts: IdSet,
  staleAfterMs: number,
): ThresholdSpec | undefined {
  const about = `threshold in trigger "${id}"`;
  const accountOk = checkReference(
    ctx,
    posAt(entry, "threshold", "account"),
    `trigger "${id}"`,
    accounts,
    raw.account,
  );
  if ((raw.below === undefined) === (raw.above === undefined)) {
    report(
      ctx,
      "threshold-direction",
      keyPosAt(entry, "threshold"),
      raw.below === undefined ? `${about} needs below or above` : `${about} has both below and above`,
      "one threshold per trigger: below: $500 fires when the balance drops under $500; use two triggers for a band",
    );
    return undefined;
  }
  const direction = raw.below !== undefined ? "below" : "above";
  const rearmKey = direction === "below" ? "rearmAbove" : "rearmBelow";
  const wrongKey = direction === "below" ? "rearmBelow" : "rearmAbove";
  if (raw[wrongKey] !== undefined) {
    report(
      ctx,
      "threshold-rearm",
      keyPosAt(entry, "threshold", wrongKey),
      `${about}: ${wrongKey} goes with ${direction === "below" ? "above" : "below"}; with ${direction} use ${rearmKey}`,
      `rename it to ${rearmKey}`,
    );
    return undefined;
  }
  const level = moneyAt(ctx, entry, (raw.below ?? raw.above)!, "threshold", direction);
  const rawRearm = raw[rearmKey];
  const rearm = rawRearm === undefined ? level : moneyAt(ctx, entry, rawRearm, "threshold", rearmKey);
  if (level === undefined || rearm === undefined || !accountOk) return undefined;
  const wrongSide = direction === "below" ? rearm < level : rearm > level;
  if (wrongSide) {
    report(
      ctx,
      "threshold-rearm",
      posAt(entry, "threshold", rearmKey),
      `${about}: ${rearmKey} (${formatMoneyLiteral(rearm)}) must be ${direction === "below" ? "at or above" : "at or below"} ${direction} (${formatMoneyLiteral(level)})`,
      `the trigger re-arms once the balance is back ${direction === "below" ? "above" : "below"} the rearm level; it must be on the far side of the threshold`,
    );
    return undefined;
  }
  const forMs = durationAt(ctx, entry, raw.for, 0, "threshold", "for");
  const cooldownMs =
    raw.cooldown === undefined ? undefined : durationAt(ctx, entry, raw.cooldown, 0, "threshold", "cooldown");
  if (rearm === level && !cooldownMs) {
    report(
      ctx,
      "no-hysteresis",
      keyPosAt(entry, "threshold"),
      `${about} has no hysteresis and no cooldown: a balance hovering around ${formatMoneyLiteral(level)} can fire it again and again`,
      `add ${rearmKey} (e.g. ${rearmKey}: ${formatMoneyLiteral(suggestRearm(direction, level))}) or a cooldown (e.g. cooldown: 24h)`,
    );
  }
  const spec: ThresholdSpec = {
    account: raw.account,
    direction,
    level,
    rearm,
    forMs,
    ...(cooldownMs === undefined ? {} : { cooldownMs }),
    onStartup: raw.onStartup ?? "requireCrossing",
    pos: posAt(entry, "threshold"),
  };
  // The reducer's own check, so a config that loads can never make stepThreshold throw. The
  // checks above and the value limits already exclude every case; this keeps it so if they change.
  const problems = checkThresholdDefinition(thresholdDefinition(spec, staleAfterMs));
  for (const problem of problems) {
    report(ctx, "out-of-range", spec.pos, `${about}: ${problem.message}`);
  }
  return problems.length === 0 ? spec : undefined;
}

/**
 * The reducer's view of a threshold (`stepThreshold`'s definition): the spec plus
 * `polling.staleAfter`, which decides when a reading is too old to act on.
 */
export function thresholdDefinition(spec: ThresholdSpec, staleAfterMs: number): ThresholdDefinition {
  return {
    direction: spec.direction,
    level: spec.level,
    rearm: spec.rearm,
    forMs: spec.forMs,
    ...(spec.cooldownMs === undefined ? {} : { cooldownMs: spec.cooldownMs }),
    onStartup: spec.onStartup,
    staleAfterMs,
  };
}

/** A rearm level half the threshold (at least $100) away from it, in whole dollars. */
function suggestRearm(direction: "below" | "above", level: number): number {
  const gap = Math.max(10_000, Math.round(Math.abs(level) / 200) * 100);
  return direction === "below" ? level + gap : level - gap;
}
