import {
  THRESHOLD_DISARM_CAUSES,
  THRESHOLD_IGNORE_REASONS,
  THRESHOLD_PHASES,
  type ThresholdState,
  type ThresholdStep,
} from "./types.js";

/** State of a trigger that has never seen a usable reading: the next one applies `onStartup`. */
export function initialThresholdState(): ThresholdState {
  return { phase: "unknown", lastFiredAt: null, lastReadingAt: null, ignoring: null };
}

/**
 * Forgets the phase (armed/pending/disarmed) so the next usable reading applies
 * `onStartup` again — what the engine does when a trigger's definition hash
 * changes. `lastFiredAt` is kept on purpose: editing a trigger must not open a
 * second transfer inside its cooldown. `lastReadingAt` is kept so late readings
 * stay out of order.
 *
 * @example resetThresholdState(stored.state, now) // { state: { phase: "unknown", … }, events: [{ type: "reset", … }] }
 */
export function resetThresholdState(state: ThresholdState, now: Date): ThresholdStep {
  const at = now.toISOString();
  return {
    state: {
      phase: "unknown",
      lastFiredAt: state.lastFiredAt,
      lastReadingAt: state.lastReadingAt,
      ignoring: null,
    },
    events: [
      { type: "reset", at, phase: "unknown", cents: null, readingAt: null, previousPhase: state.phase },
    ],
  };
}

export type ThresholdStateParse = { ok: true; state: ThresholdState } | { ok: false; message: string };

const COMMON_KEYS = ["phase", "lastFiredAt", "lastReadingAt", "ignoring"];
const KEYS_BY_PHASE = {
  unknown: COMMON_KEYS,
  armed: COMMON_KEYS,
  pending: [...COMMON_KEYS, "since", "suppressed"],
  disarmed: [...COMMON_KEYS, "cause"],
} as const;

/**
 * Validates state loaded from the store (JSON of unknown provenance). A state
 * that fails is best replaced by `resetThresholdState(initialThresholdState(), now)`
 * and an alert, never guessed at.
 */
export function parseThresholdState(value: unknown): ThresholdStateParse {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: "threshold state is not an object" };
  }
  const record = value as Record<string, unknown>;
  const phase = record["phase"];
  if (!isOneOf(THRESHOLD_PHASES, phase)) return fail("phase", phase);
  const expected: readonly string[] = KEYS_BY_PHASE[phase];
  const extra = Object.keys(record).filter((key) => !expected.includes(key));
  if (extra.length > 0)
    return { ok: false, message: `threshold state has unexpected keys: ${extra.join(", ")}` };
  for (const key of ["lastFiredAt", "lastReadingAt"]) {
    if (record[key] !== null && !isCanonicalInstant(record[key])) return fail(key, record[key]);
  }
  if (record["ignoring"] !== null && !isOneOf(THRESHOLD_IGNORE_REASONS, record["ignoring"])) {
    return fail("ignoring", record["ignoring"]);
  }
  if (phase === "pending") {
    if (!isCanonicalInstant(record["since"])) return fail("since", record["since"]);
    if (typeof record["suppressed"] !== "boolean") return fail("suppressed", record["suppressed"]);
  }
  if (phase === "disarmed") {
    if (!isOneOf(THRESHOLD_DISARM_CAUSES, record["cause"])) return fail("cause", record["cause"]);
    if (record["cause"] === "fired" && record["lastFiredAt"] === null) {
      return { ok: false, message: "threshold state is disarmed by a fire but has no lastFiredAt" };
    }
  }
  return { ok: true, state: record as unknown as ThresholdState };
}

/** True for the exact form `Date.prototype.toISOString` produces, so parsing and printing round-trip. */
export function isCanonicalInstant(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

function isOneOf<T extends string>(table: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (table as readonly string[]).includes(value);
}

function fail(key: string, value: unknown): ThresholdStateParse {
  return {
    ok: false,
    message: `threshold state has an invalid ${key}: ${JSON.stringify(value) ?? "undefined"}`,
  };
}
