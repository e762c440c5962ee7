import { triggerDefinitionHash } from "../hash.js";
import type { Located, MergedConfig } from "../merge.js";
import type { AccountConfig, TriggerConfig } from "../model.js";
import type { RawTrigger } from "../raw-types.js";
import { type BuildContext, isBroken, keyPosAt, posAt, report } from "./context.js";
import { compileFormulaAt, type FormulaScope } from "./formulas.js";
import { checkReference, type IdSet } from "./references.js";
import { buildCatchUp, buildSchedule } from "./schedule.js";
import { buildThreshold } from "./threshold.js";

export interface TriggerRefs {
  rules: IdSet;
  accounts: IdSet;
  accountConfigs: ReadonlyMap<string, AccountConfig>;
  timezone: string | undefined;
  /** The top-level timezone is set but invalid (reported once, not again per schedule). */
  timezoneInvalid: boolean;
  /** What `when` conditions may read. */
  formulas: FormulaScope;
  /** polling.staleAfter, part of every threshold's definition. */
  staleAfterMs: number;
}

/** Builds every trigger: its rule reference, exactly one of schedule/threshold, when, catchUp, maxPerDay. */
export function buildTriggers(
  ctx: BuildContext,
  merged: MergedConfig,
  refs: TriggerRefs,
): Map<string, TriggerConfig> {
  const triggers = new Map<string, TriggerConfig>();
  for (const [id, entry] of merged.sections.triggers) {
    if (isBroken(ctx, entry)) continue;
    const trigger = buildTrigger(ctx, id, entry as Located<RawTrigger>, refs);
    if (trigger) triggers.set(id, trigger);
  }
  return triggers;
}

function buildTrigger(
  ctx: BuildContext,
  id: string,
  entry: Located<RawTrigger>,
  refs: TriggerRefs,
): TriggerConfig | undefined {
  const raw = entry.value;
  const ruleOk = checkReference(ctx, posAt(entry, "rule"), `trigger "${id}"`, refs.rules, raw.rule);
  if ((raw.schedule === undefined) === (raw.threshold === undefined)) {
    report(
      ctx,
      "trigger-kind",
      entry.pos,
      raw.schedule === undefined
        ? `trigger "${id}" has neither schedule nor threshold`
        : `trigger "${id}" has both schedule and threshold`,
      "a trigger fires on a schedule or on a threshold: split it into two triggers of the same rule if you need both",
    );
    return undefined;
  }
  const when =
    raw.when === undefined
      ? undefined
      : compileFormulaAt(ctx, entry, raw.when, "when", {
          expect: "bool",
          about: `when in trigger "${id}"`,
          scope: refs.formulas,
        });
  const common = {
    id,
    rule: raw.rule,
    ...(when === undefined ? {} : { when }),
    ...(raw.maxPerDay === undefined ? {} : { maxPerDay: raw.maxPerDay }),
    pos: entry.pos,
  };
  let trigger: TriggerConfig | undefined;
  if (raw.schedule) {
    const schedule = buildSchedule(ctx, id, entry, raw.schedule, refs);
    const catchUp = buildCatchUp(ctx, id, entry, raw.catchUp);
    if (schedule) trigger = { ...common, kind: "schedule", schedule, catchUp, definitionHash: "" };
  } else if (raw.threshold) {
    if (raw.catchUp !== undefined) {
      report(
        ctx,
        "catch-up",
        keyPosAt(entry, "catchUp"),
        `trigger "${id}": catchUp applies to schedule triggers only`,
        "thresholds keep their pending state across downtime instead; remove catchUp",
      );
    }
    const threshold = buildThreshold(ctx, id, entry, raw.threshold, refs.accounts, refs.staleAfterMs);
    if (threshold) trigger = { ...common, kind: "threshold", threshold, definitionHash: "" };
  }
  if (!trigger || !ruleOk || (raw.when !== undefined && when === undefined)) return undefined;
  trigger.definitionHash = triggerDefinitionHash(trigger, refs.accountConfigs);
  return trigger;
}
