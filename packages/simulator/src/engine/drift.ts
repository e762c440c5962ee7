import type { Cents } from "@seqd/core";
import type { DriftEntry } from "../state/types.js";

/** One drift entry falling due: move `account` by `by` × `steps`. */
export interface DriftStep {
  entry: DriftEntry;
  steps: number;
}

/** Scripted balance drift on fake or real time: `due(now)` says what to apply since the last call. */
export interface DriftSchedule {
  due(nowMs: number): DriftStep[];
}

/** Each entry first falls due one `every` after `startMs`. */
export function createDriftSchedule(entries: readonly DriftEntry[], startMs: number): DriftSchedule {
  const nextAt = entries.map((entry) => startMs + entry.everyMs);
  return {
    due(nowMs) {
      const steps: DriftStep[] = [];
      entries.forEach((entry, i) => {
        const next = nextAt[i]!;
        if (nowMs < next) return;
        const count = Math.floor((nowMs - next) / entry.everyMs) + 1;
        nextAt[i] = next + count * entry.everyMs;
        steps.push({ entry, steps: count });
      });
      return steps;
    },
  };
}

/**
 * The balance after drifting `steps` times. Drift stops at `min` going down and at `max`
 * going up, and never drags a balance already past the bound back to it.
 */
export function driftedBalance(balance: Cents, step: DriftStep): Cents {
  const { by, min, max } = step.entry;
  const next = balance + by * step.steps;
  if (by < 0 && min !== null) return Math.max(next, Math.min(balance, min));
  if (by > 0 && max !== null) return Math.min(next, Math.max(balance, max));
  return next;
}
