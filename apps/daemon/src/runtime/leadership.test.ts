import { openStore, StoreError } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../observability/metrics.js";
import { createFakeTimers } from "./fake-timers.js";
import { createLeadership, LEASE_TTL_MS } from "./leadership.js";
import { createHarness, type Harness, metricValue } from "./runtime-test-kit.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function leadershipOn(
  store: Harness["store"],
  holder: string,
  timers = h.timers,
  metrics = h.metrics,
  isHolderDead?: (holder: string) => boolean,
) {
  return createLeadership({
    store,
    clock: h.clock,
    timers,
    logger: h.logger,
    metrics,
    holder,
    ...(isHolderDead === undefined ? {} : { isHolderDead }),
  });
}

describe("leadership", () => {
  it("takes the lease at once from a holder known dead, and waits out one that is not", async () => {
    h = await createHarness();
    await h.store.acquireLease({ name: "dispatcher", holder: "crashed:1", ttlMs: LEASE_TTL_MS });
    const alive = leadershipOn(
      h.store,
      "restarted:2",
      h.timers,
      h.metrics,
      (holder) => holder === "someone-else",
    );
    expect(await alive.start()).toBe(false);
    await alive.stop();
    const restarted = leadershipOn(
      h.store,
      "restarted:3",
      h.timers,
      h.metrics,
      (holder) => holder === "crashed:1",
    );
    expect(await restarted.start()).toBe(true);
    // A new term: anything the dead holder had claimed under its token is fenced.
    expect(restarted.fencing()?.token).toBe(2);
    expect(h.logText()).toContain('"event":"lease.taken_over"');
    await restarted.stop();
  });

  it("two daemons on one SQLite file: only the first fires; the second takes over when it stops", async () => {
    h = await createHarness();
    const other = await openStore(h.storeUrl, { clock: h.clock });
    try {
      const first = leadershipOn(h.store, "host-a:1");
      const second = leadershipOn(other, "host-b:2");
      const changes: string[] = [];
      second.onChange((leader) => changes.push(`b ${leader}`));
      expect(await first.start()).toBe(true);
      expect(await second.start()).toBe(false);
      expect(first.fencing()).toEqual({ lease: "dispatcher", token: 1 });
      expect(second.fencing()).toBeUndefined();
      // Renewals keep the first one leading, with the same term.
      await h.driveUntil(() => h.clock.now().getTime() >= Date.parse("2026-03-02T14:01:00Z"));
      expect(first.isLeader()).toBe(true);
      expect(second.isLeader()).toBe(false);
      await first.stop();
      await h.driveUntil(() => changes.length > 0);
      expect(changes).toEqual(["b true"]);
      expect(second.fencing()).toEqual({ lease: "dispatcher", token: 2 });
      await second.stop();
    } finally {
      await other.close();
    }
  });

  it("a leader that stops renewing (crashed, partitioned) stops firing at expiry, and its term is fenced", async () => {
    h = await createHarness();
    const other = await openStore(h.storeUrl, { clock: h.clock });
    try {
      const frozen = createFakeTimers(h.clock);
      const staleMetrics = createMetrics({ processMetrics: false });
      const stale = leadershipOn(h.store, "host-a:1", frozen, staleMetrics);
      const standby = leadershipOn(other, "host-b:2");
      await stale.start();
      const oldTerm = stale.fencing()!;
      await standby.start();
      await h.driveUntil(() => standby.isLeader());
      expect(h.clock.now().getTime() - Date.parse("2026-03-02T14:00:00Z")).toBeGreaterThanOrEqual(
        LEASE_TTL_MS,
      );
      expect(stale.isLeader()).toBe(false);
      expect(standby.fencing()?.token).toBe(oldTerm.token + 1);
      const late = h.store.claimFiring({
        triggerId: "payday",
        occurrence: "2026-03-02T14:00:00.000Z",
        idempotencyKey: "late-claim",
        ruleId: "sweep",
        configHash: "cfg0",
        fencing: oldTerm,
      });
      await expect(late).rejects.toBeInstanceOf(StoreError);
      await expect(late).rejects.toMatchObject({ code: "FENCED" });
      expect(await metricValue(h.metrics.leader)).toBe(1);
      expect(await metricValue(staleMetrics.leader)).toBe(0);
      await standby.stop();
    } finally {
      await other.close();
    }
  });
});
