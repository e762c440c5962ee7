import type { Store } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { checkClockSkew } from "./clock-skew.js";
import { createHarness, type Harness } from "./runtime-test-kit.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The harness store, but answering `clockSkew` with a fixed measurement. */
function skewed(store: Store, skewMs: number, roundTripMs = 2): Store {
  return { ...store, clockSkew: async () => ({ skewMs, roundTripMs }) };
}

describe("checkClockSkew", () => {
  it("within tolerance: nothing raised", async () => {
    h = await createHarness();
    await checkClockSkew({ store: skewed(h.store, 9_000), alerter: h.alerter, logger: h.logger });
    expect(await h.store.listOpenAlerts()).toEqual([]);
  });

  it("past tolerance: clock_skew says which way and what to fix; back in tolerance resolves it", async () => {
    h = await createHarness();
    await checkClockSkew({ store: skewed(h.store, -45_000), alerter: h.alerter, logger: h.logger });
    const [alert] = await h.store.listOpenAlerts();
    expect(alert?.message).toBe(
      "this host's clock is 45.0 s ahead of the store's (tolerance 10 s): schedules fire by this clock and leases expire by it — fix time sync (NTP)",
    );
    await checkClockSkew({ store: skewed(h.store, 200), alerter: h.alerter, logger: h.logger });
    expect(await h.store.listOpenAlerts()).toEqual([]);
  });

  it("a slow round trip is not mistaken for skew", async () => {
    h = await createHarness();
    await checkClockSkew({ store: skewed(h.store, 12_000, 6_000), alerter: h.alerter, logger: h.logger });
    expect(await h.store.listOpenAlerts()).toEqual([]);
  });
});
