import type { Cents } from "@seqd/core";
import { formatDuration } from "./duration.js";
import type { BalanceReading, ThresholdDefinition, ThresholdIgnoreReason, ThresholdState } from "./types.js";

/** Whether the reducer may act on a reading, and if not, why. */
export type ReadingVerdict =
  | { readonly kind: "usable"; readonly cents: Cents; readonly readingAt: string }
  | {
      readonly kind: "ignored";
      readonly reason: ThresholdIgnoreReason;
      readonly detail: string | null;
      /** The state's `lastReadingAt` after this reading (advanced by stale and failed reads too). */
      readonly lastReadingAt: string | null;
    };

/**
 * Decides whether `reading` is usable at `nowMs`: ok, not older than the
 * newest reading seen, and `now - at ≤ staleAfterMs` (a reading exactly
 * `staleAfterMs` old is still fresh). A failed read is never a balance.
 */
export function classifyReading(
  definition: ThresholdDefinition,
  state: ThresholdState,
  reading: BalanceReading | undefined,
  nowMs: number,
): ReadingVerdict {
  const previous = state.lastReadingAt;
  if (reading === undefined) return ignored("no_reading", null, previous);
  const atMs = reading.at.getTime();
  if (Number.isNaN(atMs)) return ignored("invalid_reading", "reading time is not a valid date", previous);
  if (reading.status === "ok" && !Number.isSafeInteger(reading.cents)) {
    return ignored(
      "invalid_reading",
      `balance ${String(reading.cents)} is not a whole number of cents`,
      previous,
    );
  }
  if (previous !== null && atMs < Date.parse(previous)) {
    return ignored(
      "out_of_order",
      `reading from ${reading.at.toISOString()} is older than ${previous}`,
      previous,
    );
  }
  const readingAt = reading.at.toISOString();
  if (reading.status === "unavailable") return ignored("unavailable", reading.reason, readingAt);
  if (nowMs - atMs > definition.staleAfterMs) {
    const age = formatDuration(nowMs - atMs);
    return ignored(
      "stale",
      `reading is ${age} old (stale after ${formatDuration(definition.staleAfterMs)})`,
      readingAt,
    );
  }
  return { kind: "usable", cents: reading.cents, readingAt };
}

function ignored(
  reason: ThresholdIgnoreReason,
  detail: string | null,
  lastReadingAt: string | null,
): ReadingVerdict {
  return { kind: "ignored", reason, detail, lastReadingAt };
}
