import type { Cents } from "@seqd/core";
import type { ThresholdDefinition, ThresholdState } from "./types.js";

/** Past the threshold: `below` → cents < level; `above` → cents > level. */
export function isPast(definition: ThresholdDefinition, cents: Cents): boolean {
  return definition.direction === "below" ? cents < definition.level : cents > definition.level;
}

/** Re-armed: `below` → cents ≥ rearm; `above` → cents ≤ rearm. */
export function isRearmed(definition: ThresholdDefinition, cents: Cents): boolean {
  return definition.direction === "below" ? cents >= definition.rearm : cents <= definition.rearm;
}

/** The instant the cooldown ends, or null when no cooldown applies. */
export function cooldownEndMs(definition: ThresholdDefinition, state: ThresholdState): number | null {
  if (definition.cooldownMs === undefined || state.lastFiredAt === null) return null;
  return Date.parse(state.lastFiredAt) + definition.cooldownMs;
}
