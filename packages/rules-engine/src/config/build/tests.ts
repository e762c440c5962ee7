import type { Cents } from "@seqd/core";
import type { ThresholdPhase } from "../../threshold/index.js";
import { formatPosition } from "../issues.js";
import type { Located, MergedConfig } from "../merge.js";
import type { BalanceUpdate, ConfigTest, TestExpect, TestStep, TriggerConfig } from "../model.js";
import type { RawStep, RawTest } from "../raw-types.js";
import { parseDuration } from "../values/duration.js";
import { parseLocalTime } from "../values/local-time.js";
import { type BuildContext, isBroken, keyPosAt, moneyAt, posAt, report } from "./context.js";
import { checkReference, type IdSet } from "./references.js";

export interface TestRefs {
  accounts: IdSet;
  triggers: IdSet;
  amounts: IdSet;
  /** Built triggers, to check that `expect.state` names threshold triggers. */
  triggerConfigs: ReadonlyMap<string, TriggerConfig>;
  timezone: string | undefined;
  /** The top-level timezone is set but invalid (reported once, not again per test time). */
  timezoneInvalid: boolean;
}

/** Builds `tests:`: unique names, times in the config zone, ordered steps, resolved references. */
export function buildTests(ctx: BuildContext, merged: MergedConfig, refs: TestRefs): ConfigTest[] {
  const tests: ConfigTest[] = [];
  const names = new Map<string, Located>();
  for (const entry of merged.tests) {
    if (isBroken(ctx, entry)) continue;
    const raw = entry.value as RawTest;
    const earlier = names.get(raw.name);
    if (earlier) {
      report(
        ctx,
        "duplicate-id",
        posAt(entry, "name"),
        `test "${raw.name}" is defined twice: here and at ${formatPosition(earlier.pos)}`,
        "seqd test reports tests by name: give each a unique one",
      );
    }
    names.set(raw.name, entry);
    const test = buildTest(ctx, entry as Located<RawTest>, refs);
    if (test) tests.push(test);
  }
  return tests;
}

function buildTest(ctx: BuildContext, entry: Located<RawTest>, refs: TestRefs): ConfigTest | undefined {
  const raw = entry.value;
  const about = `test "${raw.name}"`;
  const start = parseLocalTime(raw.start, refs.timezone);
  if (!start.ok && refs.timezoneInvalid) return undefined;
  if (!start.ok) {
    const code =
      refs.timezone === undefined && /has no offset/.test(start.message)
        ? "missing-timezone"
        : "invalid-time";
    report(ctx, code, posAt(entry, "start"), `start of ${about}: ${start.message}`, start.hint);
    return undefined;
  }
  const steps: TestStep[] = [];
  let previous = start.date;
  let previousText = `the start (${raw.start})`;
  let ok = true;
  for (const [index, step] of raw.steps.entries()) {
    const built = buildStep(ctx, entry, index, step, start.date, refs);
    if (!built) {
      ok = false;
      continue;
    }
    if (built.at < previous) {
      report(
        ctx,
        "test-steps",
        posAt(entry, "steps", index, "at"),
        `${about}, step ${index + 1}: at ${step.at} is before ${previousText}`,
        "steps run in time order; +durations count from start",
      );
      ok = false;
    }
    previous = built.at;
    previousText = `step ${index + 1} (${step.at})`;
    steps.push(built);
  }
  return ok ? { name: raw.name, start: start.date, steps, pos: entry.pos } : undefined;
}

function buildStep(
  ctx: BuildContext,
  entry: Located<RawTest>,
  index: number,
  raw: RawStep,
  start: Date,
  refs: TestRefs,
): TestStep | undefined {
  const about = `test "${entry.value.name}", step ${index + 1}`;
  const where = (...sub: (string | number)[]) => posAt(entry, "steps", index, ...sub);
  let at: Date;
  if (raw.at.startsWith("+")) {
    const offset = parseDuration(raw.at.slice(1));
    if (!offset.ok) {
      report(ctx, "invalid-time", where("at"), `${about}: "${raw.at}" is not a valid +duration`, offset.hint);
      return undefined;
    }
    at = new Date(start.getTime() + offset.ms);
  } else {
    const time = parseLocalTime(raw.at, refs.timezone);
    if (!time.ok && refs.timezoneInvalid) return undefined;
    if (!time.ok) {
      report(ctx, "invalid-time", where("at"), `${about}: ${time.message}`, time.hint);
      return undefined;
    }
    at = time.date;
  }
  let ok = true;
  const balances = new Map<string, BalanceUpdate>();
  for (const [alias, value] of Object.entries(raw.balances ?? {})) {
    if (!checkReference(ctx, keyPosAt(entry, "steps", index, "balances", alias), about, refs.accounts, alias))
      ok = false;
    const cents =
      value === "unavailable" ? value : moneyAt(ctx, entry, value, "steps", index, "balances", alias);
    if (cents === undefined) ok = false;
    else balances.set(alias, cents);
  }
  const expect = raw.expect ? buildExpect(ctx, entry, index, raw.expect, refs) : undefined;
  if (raw.expect && !expect) ok = false;
  if (!ok) return undefined;
  return {
    at,
    balances,
    ...(expect ? { expect } : {}),
    restart: raw.restart ?? false,
    down: raw.down ?? false,
    pos: keyPosAt(entry, "steps", index),
  };
}

function buildExpect(
  ctx: BuildContext,
  entry: Located<RawTest>,
  index: number,
  raw: NonNullable<RawStep["expect"]>,
  refs: TestRefs,
): TestExpect | undefined {
  const about = `test "${entry.value.name}", step ${index + 1}`;
  const keyAt = (...sub: (string | number)[]) => keyPosAt(entry, "steps", index, "expect", ...sub);
  let ok = true;
  const ids = (list: string[] | undefined, key: "fired" | "notFired") => {
    for (const [i, id] of (list ?? []).entries()) {
      if (!checkReference(ctx, keyAt(key, i), about, refs.triggers, id)) ok = false;
    }
  };
  ids(raw.fired, "fired");
  ids(raw.notFired, "notFired");
  for (const id of raw.notFired ?? []) {
    if (raw.fired?.includes(id)) {
      report(
        ctx,
        "invalid-value",
        keyAt("notFired"),
        `${about}: trigger "${id}" is in both fired and notFired`,
      );
      ok = false;
    }
  }
  const amounts = new Map<string, Cents | "rejected">();
  for (const [id, value] of Object.entries(raw.amounts ?? {})) {
    if (!checkReference(ctx, keyAt("amounts", id), about, refs.amounts, id)) ok = false;
    const cents =
      value === "rejected" ? value : moneyAt(ctx, entry, value, "steps", index, "expect", "amounts", id);
    if (cents === undefined) ok = false;
    else amounts.set(id, cents);
  }
  const state = new Map<string, ThresholdPhase>();
  for (const [id, phase] of Object.entries(raw.state ?? {})) {
    if (!checkReference(ctx, keyAt("state", id), about, refs.triggers, id)) ok = false;
    else if (refs.triggerConfigs.get(id)?.kind === "schedule") {
      report(
        ctx,
        "invalid-value",
        keyAt("state", id),
        `${about}: expect.state names schedule trigger "${id}"; state applies to threshold triggers`,
      );
      ok = false;
    }
    state.set(id, phase);
  }
  if (!ok) return undefined;
  return {
    ...(raw.fired ? { fired: raw.fired } : {}),
    ...(raw.notFired ? { notFired: raw.notFired } : {}),
    ...(raw.amounts ? { amounts } : {}),
    ...(raw.state ? { state } : {}),
    pos: keyAt(),
  };
}
