import { assertDuration, assertPositiveInteger, instantOf } from "./arguments.js";

/** What to do with occurrences the daemon did not fire on time (it was down, or a tick came late). */
export type CatchUpPolicy =
  | { policy: "skip" }
  | { policy: "latest"; withinMs: number }
  | { policy: "all"; withinMs: number; max?: number };

/** `all` fires at most this many missed occurrences unless the config says otherwise (design.md §4). */
export const DEFAULT_CATCH_UP_MAX = 10;

/** An occurrence more than this behind `now` was missed; up to it, it is on time (design.md §4). */
export const DEFAULT_LATE_AFTER_MS = 60_000;

/**
 * Every verdict carries one of these reasons; the reason fixes the decision. Closed table: the
 * store records the code, metrics label by it, and switches on it are exhaustive.
 */
export const CATCH_UP_REASONS = {
  on_time: { decision: "fire", description: "due no more than lateAfterMs ago" },
  catch_up_latest: {
    decision: "fire",
    description: "missed; the newest missed occurrence inside the window (latest)",
  },
  catch_up_all: { decision: "fire", description: "missed; inside the window and among the newest max (all)" },
  missed_skip_policy: {
    decision: "missed",
    description: "missed; the skip policy records it and does not fire",
  },
  outside_window: { decision: "missed", description: "missed by more than the policy's window" },
  superseded_by_latest: {
    decision: "missed",
    description: "missed; a newer occurrence fires instead (latest)",
  },
  over_max: {
    decision: "missed",
    description: "missed; more than max inside the window and newer ones fire (all)",
  },
} as const;

export type CatchUpReason = keyof typeof CATCH_UP_REASONS;
export type CatchUpDecision = (typeof CATCH_UP_REASONS)[CatchUpReason]["decision"];

export interface CatchUpVerdict {
  occurrence: Date;
  decision: CatchUpDecision;
  reason: CatchUpReason;
  /** now − occurrence. */
  lateByMs: number;
}

export interface CatchUpInput {
  /** Occurrences after the last evaluated instant up to `now` (from occurrencesBetween); none after `now`. */
  due: readonly Date[];
  now: Date;
  policy: CatchUpPolicy;
  /** Default 60 s (design.md §4). */
  lateAfterMs?: number;
}

function checkPolicy(policy: CatchUpPolicy): void {
  switch (policy.policy) {
    case "skip":
      return;
    case "latest":
      assertDuration("withinMs", policy.withinMs);
      return;
    case "all":
      assertDuration("withinMs", policy.withinMs);
      assertPositiveInteger("max", policy.max ?? DEFAULT_CATCH_UP_MAX);
      return;
  }
}

/** Reasons for the missed occurrences inside the window (ascending), by policy. */
function missedReasons(
  policy: CatchUpPolicy,
  inWindow: readonly number[],
  anyOnTime: boolean,
): CatchUpReason[] {
  switch (policy.policy) {
    case "skip":
      return inWindow.map(() => "missed_skip_policy");
    case "latest":
      // An on-time occurrence is the latest and fires; otherwise the newest missed one does.
      return inWindow.map((_, index) =>
        !anyOnTime && index === inWindow.length - 1 ? "catch_up_latest" : "superseded_by_latest",
      );
    case "all": {
      // The newest fire: then `latest` is exactly `all` with max 1, and the occurrences dropped
      // are the oldest, the ones closest to leaving the window anyway.
      const firstFired = inWindow.length - (policy.max ?? DEFAULT_CATCH_UP_MAX);
      return inWindow.map((_, index) => (index >= firstFired ? "catch_up_all" : "over_max"));
    }
  }
}

/**
 * Decides, for each due occurrence, whether to fire it now or record it as missed, and why.
 * Pure: the daemon passes `now` and records every verdict, fired or not.
 *
 * - Not more than `lateAfterMs` behind `now`: on time, fires (`on_time`), whatever the policy.
 * - Later ones were missed. `skip`: each is recorded (`missed_skip_policy`). `latest`: the newest
 *   missed one at most `withinMs` old fires (`catch_up_latest`) unless an on-time one fires;
 *   the rest are `superseded_by_latest` or `outside_window`. `all`: each missed one at most
 *   `withinMs` old fires (`catch_up_all`), the newest `max` of them (on-time ones do not count);
 *   older ones are `over_max`, and ones beyond the window `outside_window`.
 * Both bounds are inclusive. Verdicts come back ascending; duplicates are merged.
 *
 * @example decideCatchUp({ due, now, policy: { policy: "latest", withinMs: 6 * 3_600_000 } })
 */
export function decideCatchUp(input: CatchUpInput): CatchUpVerdict[] {
  const nowMs = instantOf("now", input.now);
  const lateAfterMs = input.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  assertDuration("lateAfterMs", lateAfterMs);
  checkPolicy(input.policy);
  const due = [...new Set(input.due.map((occurrence) => instantOf("due occurrence", occurrence)))].sort(
    (x, y) => x - y,
  );
  const future = due.find((ms) => ms > nowMs);
  if (future !== undefined) {
    throw new RangeError(
      `occurrence ${new Date(future).toISOString()} is after now (${input.now.toISOString()})`,
    );
  }

  const lateBy = (ms: number) => nowMs - ms;
  const onTime = due.filter((ms) => lateBy(ms) <= lateAfterMs);
  const missed = due.filter((ms) => lateBy(ms) > lateAfterMs);
  // skip has no window: every missed occurrence is recorded under the skip reason.
  const withinMs = input.policy.policy === "skip" ? Number.POSITIVE_INFINITY : input.policy.withinMs;
  const inWindow = missed.filter((ms) => lateBy(ms) <= withinMs);

  const reasons = new Map<number, CatchUpReason>();
  for (const ms of onTime) reasons.set(ms, "on_time");
  for (const ms of missed) if (lateBy(ms) > withinMs) reasons.set(ms, "outside_window");
  missedReasons(input.policy, inWindow, onTime.length > 0).forEach((reason, index) => {
    reasons.set(inWindow[index]!, reason);
  });

  return due.map((ms) => {
    const reason = reasons.get(ms)!;
    return {
      occurrence: new Date(ms),
      decision: CATCH_UP_REASONS[reason].decision,
      reason,
      lateByMs: lateBy(ms),
    };
  });
}
