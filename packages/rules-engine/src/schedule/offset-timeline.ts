import { findTransitions, type RawTransition } from "./transitions.js";
import { DAY_MS } from "./wall-time.js";
import { offsetAt } from "./zone.js";

/** What a wall-clock time means in a zone: one instant, two (clocks went back), or none (clocks jumped). */
export type WallTimeResolution =
  | { kind: "single"; instantMs: number }
  | { kind: "repeated"; earlierMs: number; laterMs: number }
  | {
      kind: "skipped";
      /** The first instant after the gap: when the clock jumped past this wall time. */
      transitionMs: number;
      /** The wall time the clock jumped to (e.g. 03:00 for a 02:00 → 03:00 gap). */
      wallAfterMs: number;
    };

/**
 * A zone's offsets over a window, with every transition in it (found once, as dstTransitions
 * finds them), so that resolving wall times inside is arithmetic, not a tz lookup per time.
 */
export interface OffsetTimeline {
  /** Whether every instant that could show `wallMs` lies inside the window. */
  covers(wallMs: number): boolean;
  offsetAt(instantMs: number): number;
  resolve(wallMs: number): WallTimeResolution;
}

/** UTC offsets stay within ±1 day, so the instants showing a wall time lie within a day of it. */
const MAX_OFFSET_MS = DAY_MS;

/** A timeline of `timeZone` over [startMs, endMs]. */
export function createOffsetTimeline(timeZone: string, startMs: number, endMs: number): OffsetTimeline {
  const transitions: readonly RawTransition[] = findTransitions(timeZone, startMs, endMs);
  const initialOffset = offsetAt(timeZone, startMs);
  // Segment k runs from transition k-1 (or the window start) to transition k (or the window end).
  const segmentOffset = (k: number) => (k === 0 ? initialOffset : transitions[k - 1]!.offsetAfterMs);
  const segmentStart = (k: number) => (k === 0 ? Number.NEGATIVE_INFINITY : transitions[k - 1]!.atMs);
  const segmentEnd = (k: number) =>
    k === transitions.length ? Number.POSITIVE_INFINITY : transitions[k]!.atMs;

  return {
    covers: (wallMs) => wallMs - MAX_OFFSET_MS >= startMs && wallMs + MAX_OFFSET_MS <= endMs,
    offsetAt(instantMs) {
      let k = 0;
      while (k < transitions.length && transitions[k]!.atMs <= instantMs) k++;
      return segmentOffset(k);
    },
    resolve(wallMs) {
      const instants: number[] = [];
      for (let k = 0; k <= transitions.length; k++) {
        const instantMs = wallMs - segmentOffset(k);
        if (instantMs >= segmentStart(k) && instantMs < segmentEnd(k)) instants.push(instantMs);
      }
      const [first, second] = instants;
      if (first !== undefined && second !== undefined) {
        return { kind: "repeated", earlierMs: first, laterMs: second };
      }
      if (first !== undefined) return { kind: "single", instantMs: first };
      // Wall time rises with time except at transitions, so a wall time no instant shows lies
      // inside a gap: between the reading a forward jump starts from and the one it lands on.
      const gap = transitions.find(
        (t) => t.kind === "gap" && t.wallBeforeMs <= wallMs && wallMs < t.wallAfterMs,
      )!;
      return { kind: "skipped", transitionMs: gap.atMs, wallAfterMs: gap.wallAfterMs };
    },
  };
}
