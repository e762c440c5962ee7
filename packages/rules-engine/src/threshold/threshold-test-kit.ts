import { initialThresholdState } from "./state.js";
import { stepThreshold } from "./step.js";
import type {
  BalanceReading,
  ThresholdDefinition,
  ThresholdDirection,
  ThresholdEvent,
  ThresholdEventType,
  ThresholdState,
} from "./types.js";

/** Test-only helpers: fake time as Date arithmetic from a fixed start. */
export const T0 = new Date("2026-03-07T13:00:00.000Z");
export const MINUTE = 60_000;

/** The instant `minutes` (may be fractional) after T0. */
export function t(minutes: number): Date {
  return new Date(T0.getTime() + Math.round(minutes * MINUTE));
}

/** A `below` definition in the design's example: below $500, no hysteresis, no hold, stale after 20m. */
export function belowDefinition(overrides: Partial<ThresholdDefinition> = {}): ThresholdDefinition {
  return {
    direction: "below",
    level: 50_000,
    rearm: 50_000,
    forMs: 0,
    onStartup: "requireCrossing",
    staleAfterMs: 20 * MINUTE,
    ...overrides,
  };
}

/** Mirror point for `above`: every amount v becomes 2·$1,000 − v, so "< $500" becomes "> $1,500". */
const PIVOT = 100_000;

export function mirrorCents(direction: ThresholdDirection, cents: number): number {
  return direction === "below" ? cents : 2 * PIVOT - cents;
}

/** The same trigger seen from the other side: `below $500, rearmAbove $800` ↔ `above $1,500, rearmBelow $1,200`. */
export function orient(direction: ThresholdDirection, definition: ThresholdDefinition): ThresholdDefinition {
  if (direction === "below") return definition;
  return {
    ...definition,
    direction: "above",
    level: mirrorCents("above", definition.level),
    rearm: mirrorCents("above", definition.rearm),
  };
}

/**
 * Drives the reducer the way the daemon does: it keeps the latest reading and
 * passes it on every call. Amounts are written for `below` and mirrored for `above`.
 * With `restartEveryStep`, the state goes through JSON between steps, like the store.
 */
export function createSim(
  definition: ThresholdDefinition,
  options: { direction?: ThresholdDirection; restartEveryStep?: boolean; state?: ThresholdState } = {},
) {
  const direction = options.direction ?? definition.direction;
  const oriented = orient(direction, definition);
  let state = options.state ?? initialThresholdState();
  let latest: BalanceReading | undefined;
  const log: ThresholdEvent[] = [];

  const step = (now: Date): ThresholdEvent[] => {
    const result = stepThreshold(oriented, state, latest, now);
    state = options.restartEveryStep ? JSON.parse(JSON.stringify(result.state)) : result.state;
    log.push(...result.events);
    return [...result.events];
  };

  return {
    definition: oriented,
    /** A successful read of `cents` (below-oriented) at `readAt` (default: now), evaluated at minute `now`. */
    read(now: number, cents: number, readAt: number = now): ThresholdEvent[] {
      latest = { status: "ok", cents: mirrorCents(direction, cents), at: t(readAt) };
      return step(t(now));
    },
    /** A failed read at minute `now`. */
    fail(now: number, reason = "HTTP 503 from Sequence"): ThresholdEvent[] {
      latest = { status: "unavailable", reason, at: t(now) };
      return step(t(now));
    },
    /** Time passes; the latest reading is passed again. */
    tick(now: number | Date): ThresholdEvent[] {
      return step(typeof now === "number" ? t(now) : now);
    },
    /** Hands the reducer an arbitrary reading (late answers, odd values). */
    deliver(now: number, reading: BalanceReading | undefined): ThresholdEvent[] {
      latest = reading;
      return step(t(now));
    },
    /** Replaces the state, e.g. with a reset or a reloaded copy. */
    setState(next: ThresholdState): void {
      state = next;
    },
    get state(): ThresholdState {
      return state;
    },
    get log(): readonly ThresholdEvent[] {
      return log;
    },
    fires(): ThresholdEvent[] {
      return log.filter((event) => event.type === "fired");
    },
  };
}

/** Event types in order: the shape most assertions need. */
export function types(events: readonly ThresholdEvent[]): ThresholdEventType[] {
  return events.map((event) => event.type);
}
