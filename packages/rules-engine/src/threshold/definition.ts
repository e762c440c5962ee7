import { formatMoney } from "@seqd/core";
import {
  THRESHOLD_DIRECTIONS,
  THRESHOLD_STARTUP_POLICIES,
  type ThresholdDefinition,
  type ThresholdDirection,
} from "./types.js";

/** Closed table of problems `checkThresholdDefinition` reports. */
export const THRESHOLD_DEFINITION_ISSUE_CODES = {
  bad_direction: "direction is neither below nor above",
  bad_startup_policy: "onStartup is neither requireCrossing nor evaluate",
  bad_money: "a money value is not a safe integer number of cents",
  bad_duration: "a duration is not a whole number of milliseconds between 0 and 100 years",
  rearm_wrong_side: "the re-arm level is on the firing side of the threshold",
} as const;
/** Longer durations would push cooldown ends past the range of a Date; nobody means them. */
export const THRESHOLD_MAX_DURATION_MS = 100 * 365.25 * 24 * 60 * 60 * 1000;

export type ThresholdDefinitionIssueCode = keyof typeof THRESHOLD_DEFINITION_ISSUE_CODES;

export interface ThresholdDefinitionIssue {
  readonly code: ThresholdDefinitionIssueCode;
  readonly field: keyof ThresholdDefinition;
  readonly message: string;
}

/**
 * Checks a definition for values the reducer cannot give a sound meaning to,
 * collecting every problem. The config module reports these with positions;
 * `stepThreshold` refuses a definition that has any.
 *
 * @example checkThresholdDefinition({ ...def, direction: "below", level: 50_000, rearm: 30_000 })
 * // [{ code: "rearm_wrong_side", field: "rearm", message: "rearm $300.00 is below the level $500.00: …" }]
 */
export function checkThresholdDefinition(definition: ThresholdDefinition): ThresholdDefinitionIssue[] {
  const issues: ThresholdDefinitionIssue[] = [];
  const { direction, level, rearm, forMs, cooldownMs, onStartup, staleAfterMs } = definition;
  if (!(THRESHOLD_DIRECTIONS as readonly string[]).includes(direction)) {
    issues.push({
      code: "bad_direction",
      field: "direction",
      message: `direction ${JSON.stringify(direction)} is not "below" or "above"`,
    });
  }
  if (!(THRESHOLD_STARTUP_POLICIES as readonly string[]).includes(onStartup)) {
    issues.push({
      code: "bad_startup_policy",
      field: "onStartup",
      message: `onStartup ${JSON.stringify(onStartup)} is not "requireCrossing" or "evaluate"`,
    });
  }
  for (const [field, value] of [
    ["level", level],
    ["rearm", rearm],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      issues.push({ code: "bad_money", field, message: `${field} ${value} is not a whole number of cents` });
    }
  }
  for (const [field, value] of [
    ["forMs", forMs],
    ["cooldownMs", cooldownMs ?? 0],
    ["staleAfterMs", staleAfterMs],
  ] as const) {
    const minimum = field === "staleAfterMs" ? 1 : 0;
    if (!Number.isSafeInteger(value) || value < minimum || value > THRESHOLD_MAX_DURATION_MS) {
      issues.push({
        code: "bad_duration",
        field,
        message: `${field} ${value} is not a whole number of ms from ${minimum} to ${THRESHOLD_MAX_DURATION_MS} (100 years)`,
      });
    }
  }
  if (issues.length === 0 && !rearmIsOnTheSafeSide(direction, level, rearm)) {
    const [side, bound] = direction === "below" ? ["below", "at or above"] : ["above", "at or below"];
    issues.push({
      code: "rearm_wrong_side",
      field: "rearm",
      message:
        `rearm ${formatMoney(rearm)} is ${side} the level ${formatMoney(level)}: ` +
        `a "${direction}" threshold re-arms ${bound} its level, or it would fire on every reading`,
    });
  }
  return issues;
}

/**
 * Definitions already checked. Definitions are immutable (readonly fields; the engine freezes
 * them), so a definition checked once stays valid and the reducer's hot path skips the check.
 */
const checked = new WeakSet<ThresholdDefinition>();

/** Throws a RangeError naming every issue; a definition reaching the reducer was validated by config. */
export function assertThresholdDefinition(definition: ThresholdDefinition): void {
  if (checked.has(definition)) return;
  const issues = checkThresholdDefinition(definition);
  if (issues.length > 0) {
    throw new RangeError(`invalid threshold definition: ${issues.map((issue) => issue.message).join("; ")}`);
  }
  checked.add(definition);
}

function rearmIsOnTheSafeSide(direction: ThresholdDirection, level: number, rearm: number): boolean {
  // A re-arm level on the firing side would make one balance both "past" and "re-armed".
  return direction === "below" ? rearm >= level : rearm <= level;
}
