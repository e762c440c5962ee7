import type { Cents } from "@seqd/core";
import { assertNever } from "./assert-never.js";
import { assertThresholdDefinition } from "./definition.js";
import { cooldownEndMs, isPast, isRearmed } from "./predicates.js";
import { classifyReading } from "./reading.js";
import type {
  BalanceReading,
  ThresholdDefinition,
  ThresholdEvent,
  ThresholdIgnoreReason,
  ThresholdState,
  ThresholdStep,
} from "./types.js";

type PendingState = Extract<ThresholdState, { phase: "pending" }>;

/** Fields every event of one step shares. */
interface StepContext {
  readonly definition: ThresholdDefinition;
  readonly nowMs: number;
  readonly at: string;
  readonly cents: Cents | null;
  readonly readingAt: string | null;
}

type EventBody = ThresholdEvent extends infer E
  ? E extends ThresholdEvent
    ? Omit<E, "at" | "cents" | "readingAt">
    : never
  : never;

/**
 * Advances one threshold trigger by one evaluation. Pure: call it on every new
 * reading AND on timer ticks with the latest reading (a `for` hold completes
 * on a tick while that reading is still fresh).
 *
 * - Usable = `status: "ok"`, `now - at ≤ staleAfterMs`, not older than a reading
 *   already seen. Anything else changes no phase: it neither arms, starts,
 *   completes nor cancels a hold, and never fires. It is reported once as
 *   `ignored` (not on every tick) until a usable reading arrives.
 * - `unknown` + first usable reading: not past → `armed`; past →
 *   `requireCrossing`: `disarmed` (must re-arm and cross again) / `evaluate`:
 *   `pending` from that reading.
 * - `armed` + past → `pending` since the reading's `at`; `pending` + not past →
 *   `armed` (`hold_cancelled`); `pending` + past with `now - since ≥ forMs` →
 *   fire, then `disarmed` until a usable reading is re-armed (→ `armed`).
 * - Inside `cooldownMs` after the last fire a completed hold stays `pending`
 *   with one `suppressed` event, and fires at the first evaluation from the
 *   cooldown's end on a usable reading that is still past.
 *
 * @example
 * const step = stepThreshold(definition, state, { status: "ok", cents: 45_000, at }, now);
 * for (const event of step.events) if (event.type === "fired") claimFiring(event.occurrence);
 * persist(step.state);
 */
export function stepThreshold(
  definition: ThresholdDefinition,
  state: ThresholdState,
  reading: BalanceReading | undefined,
  now: Date,
): ThresholdStep {
  assertThresholdDefinition(definition);
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("stepThreshold needs a valid `now`");
  const verdict = classifyReading(definition, state, reading, nowMs);
  const ctx: StepContext = {
    definition,
    nowMs,
    at: now.toISOString(),
    cents: reading?.status === "ok" && Number.isSafeInteger(reading.cents) ? reading.cents : null,
    readingAt: reading && !Number.isNaN(reading.at.getTime()) ? reading.at.toISOString() : null,
  };
  if (verdict.kind === "ignored") {
    return ignore(ctx, { ...state, lastReadingAt: verdict.lastReadingAt }, verdict.reason, verdict.detail);
  }
  const base = { ...state, lastReadingAt: verdict.readingAt, ignoring: null };
  const past = isPast(definition, verdict.cents);
  switch (base.phase) {
    case "unknown":
      return startup(ctx, base, past, verdict.readingAt);
    case "armed":
      return past ? startHold(ctx, base, verdict.readingAt, []) : { state: base, events: [] };
    case "pending":
      if (past) return continueHold(ctx, base, base.since, base.suppressed, []);
      return {
        state: { ...common(base), phase: "armed" },
        events: [
          event(ctx, {
            type: "hold_cancelled",
            phase: "armed",
            since: base.since,
            heldMs: heldMs(ctx, base.since),
          }),
        ],
      };
    case "disarmed":
      if (!isRearmed(definition, verdict.cents)) return { state: base, events: [] };
      return {
        state: { ...common(base), phase: "armed" },
        events: [event(ctx, { type: "rearmed", phase: "armed" })],
      };
    default:
      return assertNever(base);
  }
}

function startup(ctx: StepContext, state: ThresholdState, past: boolean, readingAt: string): ThresholdStep {
  const policy = ctx.definition.onStartup;
  if (!past) {
    return {
      state: { ...common(state), phase: "armed" },
      events: [event(ctx, { type: "armed", phase: "armed" })],
    };
  }
  switch (policy) {
    case "requireCrossing":
      // The balance was already past when we started watching: no crossing was seen, so no fire.
      return {
        state: { ...common(state), phase: "disarmed", cause: "startup_past_threshold" },
        events: [
          event(ctx, { type: "startup_past_threshold", phase: "disarmed", policy }),
          event(ctx, { type: "disarmed", phase: "disarmed", cause: "startup_past_threshold" }),
        ],
      };
    case "evaluate":
      return startHold(ctx, state, readingAt, [
        event(ctx, { type: "startup_past_threshold", phase: "pending", policy }),
      ]);
    default:
      return assertNever(policy);
  }
}

function startHold(
  ctx: StepContext,
  state: ThresholdState,
  since: string,
  events: ThresholdEvent[],
): ThresholdStep {
  return continueHold(ctx, state, since, false, [
    ...events,
    event(ctx, { type: "pending", phase: "pending", since }),
  ]);
}

/** A usable reading is past and the hold runs since `since`: wait, suppress, or fire. */
function continueHold(
  ctx: StepContext,
  state: ThresholdState,
  since: string,
  suppressed: boolean,
  events: ThresholdEvent[],
): ThresholdStep {
  const pending: PendingState = { ...common(state), phase: "pending", since, suppressed };
  const held = heldMs(ctx, since);
  if (held < ctx.definition.forMs) return { state: pending, events };
  const cooldownEnd = cooldownEndMs(ctx.definition, state);
  if (cooldownEnd !== null && ctx.nowMs < cooldownEnd) {
    if (suppressed) return { state: pending, events };
    const until = new Date(cooldownEnd).toISOString();
    return {
      state: { ...pending, suppressed: true },
      events: [
        ...events,
        event(ctx, { type: "suppressed", phase: "pending", reason: "cooldown", since, heldMs: held, until }),
      ],
    };
  }
  return {
    state: { ...common(state), phase: "disarmed", cause: "fired", lastFiredAt: ctx.at },
    events: [
      ...events,
      event(ctx, { type: "fired", phase: "disarmed", since, heldMs: held, occurrence: `crossing:${since}` }),
    ],
  };
}

function ignore(
  ctx: StepContext,
  state: ThresholdState,
  reason: ThresholdIgnoreReason,
  detail: string | null,
): ThresholdStep {
  // Report the start of an outage (or a change in its kind) once; the daemon ticks every few seconds.
  if (state.ignoring === reason) return { state, events: [] };
  return {
    state: { ...state, ignoring: reason },
    events: [event(ctx, { type: "ignored", phase: state.phase, reason, detail })],
  };
}

function common(state: ThresholdState) {
  return { lastFiredAt: state.lastFiredAt, lastReadingAt: state.lastReadingAt, ignoring: state.ignoring };
}

function heldMs(ctx: StepContext, since: string): number {
  return ctx.nowMs - Date.parse(since);
}

function event(ctx: StepContext, body: EventBody): ThresholdEvent {
  return { ...body, at: ctx.at, cents: ctx.cents, readingAt: ctx.readingAt } as ThresholdEvent;
}
