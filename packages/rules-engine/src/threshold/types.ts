import type { Cents } from "@seqd/core";

/** Which side of `level` counts as "past the threshold". */
export const THRESHOLD_DIRECTIONS = ["below", "above"] as const;
export type ThresholdDirection = (typeof THRESHOLD_DIRECTIONS)[number];

/** What to do with the first usable reading when the state is `unknown` (start, reset). */
export const THRESHOLD_STARTUP_POLICIES = ["requireCrossing", "evaluate"] as const;
export type ThresholdStartupPolicy = (typeof THRESHOLD_STARTUP_POLICIES)[number];

/**
 * One threshold trigger, with config defaults already applied (the config
 * module maps `below`/`above`, `rearmAbove`/`rearmBelow`, `for`, `cooldown`,
 * `onStartup` and `polling.staleAfter` onto this).
 *
 * @example
 * // threshold: { below: $500, rearmAbove: $800, for: 15m, cooldown: 24h }
 * const checkingLow: ThresholdDefinition = {
 *   direction: "below", level: 50_000, rearm: 80_000, forMs: 900_000,
 *   cooldownMs: 86_400_000, onStartup: "requireCrossing", staleAfterMs: 1_200_000,
 * };
 */
export interface ThresholdDefinition {
  readonly direction: ThresholdDirection;
  /** Past the threshold: `below` → balance < level; `above` → balance > level. */
  readonly level: Cents;
  /** `rearmAbove` for `below`, `rearmBelow` for `above`; equal to `level` when not configured. */
  readonly rearm: Cents;
  /** How long the balance must stay past the level before firing; 0 fires on the crossing reading. */
  readonly forMs: number;
  /** No fire within this long after the previous fire. Absent = no cooldown. */
  readonly cooldownMs?: number;
  readonly onStartup: ThresholdStartupPolicy;
  /** A reading older than this (`now - at > staleAfterMs`) is stale and changes nothing. */
  readonly staleAfterMs: number;
}

/**
 * The latest balance reading of the trigger's account, as the poller saw it.
 * `unavailable` means the latest read FAILED: its value is unknown, never 0.
 */
export type BalanceReading =
  | { readonly status: "ok"; readonly cents: Cents; readonly at: Date }
  | { readonly status: "unavailable"; readonly reason: string; readonly at: Date };

export const THRESHOLD_PHASES = ["unknown", "armed", "pending", "disarmed"] as const;
export type ThresholdPhase = (typeof THRESHOLD_PHASES)[number];

/** Why a `disarmed` trigger is waiting for a re-arm. */
export const THRESHOLD_DISARM_CAUSES = ["fired", "startup_past_threshold"] as const;
export type ThresholdDisarmCause = (typeof THRESHOLD_DISARM_CAUSES)[number];

/** Why a reading was not used. */
export const THRESHOLD_IGNORE_REASONS = [
  /** The daemon has no reading for the account yet. */
  "no_reading",
  /** `now - at > staleAfterMs`. */
  "stale",
  /** The latest read failed. */
  "unavailable",
  /** The reading is older than one already seen (a late answer). */
  "out_of_order",
  /** The reading's time or amount is not a valid value (a bug upstream, reported rather than trusted). */
  "invalid_reading",
] as const;
export type ThresholdIgnoreReason = (typeof THRESHOLD_IGNORE_REASONS)[number];

/** Why a completed hold did not fire. */
export const THRESHOLD_SUPPRESS_REASONS = ["cooldown"] as const;
export type ThresholdSuppressReason = (typeof THRESHOLD_SUPPRESS_REASONS)[number];

interface ThresholdStateCommon {
  /** ISO instant of the last fire decision, kept across resets so cooldown always holds. */
  readonly lastFiredAt: string | null;
  /** ISO `at` of the newest reading seen (any status); older readings are out of order. */
  readonly lastReadingAt: string | null;
  /** The ignore reason last reported, so an outage is reported once, not on every tick. */
  readonly ignoring: ThresholdIgnoreReason | null;
}

/**
 * Persisted state of one threshold trigger. Plain JSON: it survives
 * `JSON.parse(JSON.stringify(state))` with identical behaviour.
 */
export type ThresholdState =
  | (ThresholdStateCommon & { readonly phase: "unknown" })
  | (ThresholdStateCommon & { readonly phase: "armed" })
  | (ThresholdStateCommon & {
      readonly phase: "pending";
      /** ISO `at` of the reading that crossed; the hold is `now - since`. */
      readonly since: string;
      /** A `suppressed` event was already emitted for this hold. */
      readonly suppressed: boolean;
    })
  | (ThresholdStateCommon & { readonly phase: "disarmed"; readonly cause: ThresholdDisarmCause });

/** The closed table of event types `stepThreshold` and `resetThresholdState` emit. */
export const THRESHOLD_EVENT_TYPES = [
  "armed",
  "pending",
  "hold_cancelled",
  "fired",
  "disarmed",
  "rearmed",
  "suppressed",
  "ignored",
  "startup_past_threshold",
  "reset",
] as const;
export type ThresholdEventType = (typeof THRESHOLD_EVENT_TYPES)[number];

interface ThresholdEventCommon {
  /** ISO instant of the evaluation (`now`). */
  readonly at: string;
  /** The phase after this event (for `startup_past_threshold`: the phase the trigger moves to). */
  readonly phase: ThresholdPhase;
  /** The reading's amount, or null when there was none or it failed. */
  readonly cents: Cents | null;
  /** The reading's own time, or null when there was no reading. */
  readonly readingAt: string | null;
}

/** What happened in one step; JSON-ready for logs. */
export type ThresholdEvent = ThresholdEventCommon &
  (
    | { readonly type: "armed" }
    | { readonly type: "pending"; readonly since: string }
    | { readonly type: "hold_cancelled"; readonly since: string; readonly heldMs: number }
    | {
        readonly type: "fired";
        readonly since: string;
        readonly heldMs: number;
        /** Stable identity of this crossing (`crossing:<since>`): the same crossing never claims twice. */
        readonly occurrence: string;
      }
    | { readonly type: "disarmed"; readonly cause: ThresholdDisarmCause }
    | { readonly type: "rearmed" }
    | {
        readonly type: "suppressed";
        readonly reason: ThresholdSuppressReason;
        readonly since: string;
        readonly heldMs: number;
        /** ISO instant the cooldown ends; the first evaluation from then on may fire. */
        readonly until: string;
      }
    | { readonly type: "ignored"; readonly reason: ThresholdIgnoreReason; readonly detail: string | null }
    | { readonly type: "startup_past_threshold"; readonly policy: ThresholdStartupPolicy }
    | { readonly type: "reset"; readonly previousPhase: ThresholdPhase }
  );

/** The result of one reducer step. */
export interface ThresholdStep {
  readonly state: ThresholdState;
  readonly events: readonly ThresholdEvent[];
}
