import { type Cents, formatMoney } from "@seqd/core";
import { type Config, formatDuration, type TestExpect } from "../config/index.js";
import { type AmountAnswer, evaluateAmount, type FiringIntent } from "../engine/index.js";
import { formatInstant } from "../schedule/index.js";
import { firstOccurrences } from "../schedule/occurrences.js";
import { describeThresholdState, type ThresholdState } from "../threshold/index.js";
import type { SimulatedDaemon, SimulatedEvaluation } from "./simulation.js";
import type { CheckKind, TestFailure } from "./types.js";

/** What a failed expectation says, before the step's number, time and position are added. */
type Finding = Pick<TestFailure, "check" | "expected" | "actual" | "notes">;

/**
 * Checks one step's expectations against what the simulated daemon did since the previous
 * step (`window`) and what it holds now.
 */
export function checkStep(
  config: Config,
  expect: TestExpect,
  window: readonly SimulatedEvaluation[],
  daemon: SimulatedDaemon,
): Finding[] {
  const findings: Finding[] = [];
  const fired = window.flatMap((evaluation) => evaluation.intents);
  const firedIds = fired.map((intent) => intent.triggerId);
  if (expect.fired && !sameMultiset(expect.fired, firedIds)) {
    const wrong = symmetricDifference(expect.fired, firedIds);
    findings.push(
      finding("fired", list(expect.fired), list(firedIds), explain(config, wrong, window, daemon)),
    );
  }
  const unwanted = (expect.notFired ?? []).filter((id) => firedIds.includes(id));
  if (unwanted.length > 0) {
    findings.push(
      finding(
        "notFired",
        `none of ${list(expect.notFired ?? [])}`,
        list(firedIds),
        explain(config, unwanted, window, daemon),
      ),
    );
  }
  for (const [id, expected] of expect.amounts ?? []) {
    const answer = evaluateAmount(daemon.currentRuntime(), id, daemon.currentBalances(), daemon.now);
    const actual = answered(answer);
    if (actual !== expected) {
      const notes = [...amountNotes(answer), ...inputNotes(answer, daemon.now)];
      findings.push(finding("amounts", `${id}: ${show(expected)}`, `${id}: ${show(actual)}`, notes));
    }
  }
  for (const [id, expected] of expect.state ?? []) {
    const state = daemon.currentState(id)?.state as ThresholdState | null | undefined;
    const actual = state?.phase ?? "unknown";
    if (actual !== expected) {
      findings.push(
        finding("state", `${id}: ${expected}`, `${id}: ${actual}`, stateNotes(config, id, daemon)),
      );
    }
  }
  return findings;
}

function finding(check: CheckKind, expected: string, actual: string, notes: string[]): Finding {
  return { check, expected, actual, notes };
}

/** What the endpoint answers over HTTP: the amount, 0 under onStale zero, or rejected (503). */
function answered(answer: AmountAnswer): Cents | "rejected" {
  if (answer.ok) return answer.cents;
  return answer.onStale === "reject" ? "rejected" : 0;
}

function show(value: Cents | "rejected"): string {
  return value === "rejected" ? "rejected" : formatMoney(value);
}

function amountNotes(answer: AmountAnswer): string[] {
  if (answer.ok)
    return answer.raw === answer.cents ? [] : [`the formula gave ${formatMoney(answer.raw)} before min/max`];
  return [`${answer.code}: ${answer.message} (onStale: ${answer.onStale})`];
}

/** Each balance the formula read, and how old it was. */
function inputNotes(answer: AmountAnswer, now: Date): string[] {
  return Object.entries(answer.inputs).map(([alias, input]) => {
    if (input.status === "missing") return `${alias}: never read`;
    const age = formatDuration(now.getTime() - Date.parse(input.at));
    if (input.status === "unavailable") return `${alias}: read failed ${age} ago (${input.reason})`;
    return `${alias}: ${formatMoney(input.cents)}, read ${age} ago${input.status === "stale" ? " (stale)" : ""}`;
  });
}

/** Why each of these triggers fired or did not, in this window. */
function explain(
  config: Config,
  ids: readonly string[],
  window: readonly SimulatedEvaluation[],
  daemon: SimulatedDaemon,
): string[] {
  const notes: string[] = [];
  for (const id of new Set(ids)) {
    const fires = window.flatMap((evaluation) =>
      evaluation.intents
        .filter((intent) => intent.triggerId === id)
        .map((intent) => ({ intent, at: evaluation.at })),
    );
    for (const { intent, at } of fires)
      notes.push(`${id} fired at ${formatInstant(at, config.timezone)} (${cause(intent)})`);
    const decisions = window.flatMap((evaluation) => evaluation.decisions.filter((d) => d.triggerId === id));
    for (const decision of decisions)
      notes.push(`${id} not fired: ${decision.status}, ${decision.reason}: ${decision.detail}`);
    if (fires.length === 0 && decisions.length === 0) notes.push(...stateNotes(config, id, daemon));
  }
  return notes;
}

function cause(intent: FiringIntent): string {
  switch (intent.cause.kind) {
    case "schedule":
      return `schedule, ${intent.cause.reason}`;
    case "threshold":
      return `threshold crossing since ${intent.cause.since}`;
    case "manual":
      return "manual";
  }
}

function stateNotes(config: Config, id: string, daemon: SimulatedDaemon): string[] {
  const trigger = daemon.currentRuntime().triggerById.get(id);
  const record = daemon.currentState(id);
  if (trigger === undefined || record === undefined) return [];
  if (trigger.kind === "schedule") {
    const [next] = firstOccurrences(trigger.schedule, daemon.now, 1);
    const when =
      next === undefined
        ? ""
        : `; the next is at ${formatInstant(new Date(next.instantMs), trigger.schedule.timezone)}`;
    return [`${id}: no occurrence of "${trigger.schedule.cron}" was due since the previous step${when}`];
  }
  const state = record.state as ThresholdState;
  const described = describeThresholdState(state, {
    definition: trigger.definition,
    now: daemon.now,
    timeZone: config.timezone ?? "UTC",
  });
  return [`${id}: ${described}`];
}

function list(ids: readonly string[]): string {
  return `[${ids.join(", ")}]`;
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
}

/** Ids whose count differs between the two lists. */
function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  const count = (list: readonly string[], id: string) => list.filter((x) => x === id).length;
  return [...new Set([...a, ...b])].filter((id) => count(a, id) !== count(b, id));
}
