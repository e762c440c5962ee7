import { type ClockSkew, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { Alerter } from "./alerter.js";
import { LEASE_TTL_MS } from "./leadership.js";

/**
 * Largest tolerated difference between this host's clock and the store's: a third of the
 * lease length. Lease expiry is judged by each instance's own clock, so instances that
 * disagree by more than that could both believe they lead (the fencing token still stops
 * a double firing, but the alert says "fix NTP" before that matters). Schedules fire by
 * this clock, so a skewed host also fires early or late.
 */
export const CLOCK_SKEW_TOLERANCE_MS = Math.floor(LEASE_TTL_MS / 3);

/**
 * Compares the injected clock with the store's (run at start, and periodically by the
 * daemon). Raises `clock_skew` past the tolerance and resolves it once back inside; a store
 * that cannot answer is logged and skipped (the store guard reports store health).
 */
export async function checkClockSkew(options: {
  store: Store;
  alerter: Alerter;
  logger: Logger;
  toleranceMs?: number;
}): Promise<ClockSkew | undefined> {
  const { store, alerter, logger } = options;
  const toleranceMs = options.toleranceMs ?? CLOCK_SKEW_TOLERANCE_MS;
  let skew: ClockSkew;
  try {
    skew = await store.clockSkew();
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    logger.warn(
      { event: "clock_skew.unknown", code: error.code },
      `cannot compare clocks with the store: ${error.message}`,
    );
    return undefined;
  }
  if (Math.abs(skewMs(skew)) <= toleranceMs) {
    await alerter.resolve("clock_skew", undefined, "this host's clock agrees with the store's again");
    return skew;
  }
  const seconds = Math.abs(skew.skewMs / 1000).toFixed(1);
  const side = skew.skewMs > 0 ? "behind" : "ahead of";
  await alerter.raise({
    kind: "clock_skew",
    message: `this host's clock is ${seconds} s ${side} the store's (tolerance ${toleranceMs / 1000} s): schedules fire by this clock and leases expire by it — fix time sync (NTP)`,
    details: { skewMs: Math.round(skew.skewMs), roundTripMs: Math.round(skew.roundTripMs), toleranceMs },
  });
  return skew;
}

/** The skew net of measurement uncertainty: half the round trip could be either way. */
function skewMs(skew: ClockSkew): number {
  const doubt = skew.roundTripMs / 2;
  if (Math.abs(skew.skewMs) <= doubt) return 0;
  return skew.skewMs - Math.sign(skew.skewMs) * doubt;
}
