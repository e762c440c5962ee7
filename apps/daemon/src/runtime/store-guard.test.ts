import { openStore, STORE_ERROR_CODES, StoreError } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { createAlerter } from "./alerter.js";
import { createHarness, type Harness, metricValue } from "./runtime-test-kit.js";
import { createStoreGuard, meansUnwritable } from "./store-guard.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("store guard", () => {
  it("classifies every store error code", () => {
    expect(STORE_ERROR_CODES.filter((code) => !meansUnwritable(code))).toEqual([
      "INVALID_URL",
      "INVALID_INPUT",
      "INVALID_TRANSITION",
      "NOT_FOUND",
      "FENCED",
    ]);
  });

  it("a refused write marks the store unhealthy once, alerts, and rethrows; a good probe recovers", async () => {
    h = await createHarness();
    const guard = createStoreGuard({
      store: h.store,
      alerter: h.alerter,
      timers: h.timers,
      logger: h.logger,
      metrics: h.metrics,
    });
    let recovered = 0;
    guard.onRecovered(() => recovered++);
    const disk = new StoreError("DISK_FULL", "database or disk is full");
    await expect(guard.write("claim", () => Promise.reject(disk))).rejects.toBe(disk);
    // Known unwritable: the next write fails at once with the same code, without touching the store.
    let attempted = false;
    const skipped = guard.write("claim", async () => {
      attempted = true;
    });
    await expect(skipped).rejects.toMatchObject({ code: "DISK_FULL" });
    expect(attempted).toBe(false);
    expect(guard.healthy()).toBe(false);
    expect(await metricValue(h.metrics.storeHealthy)).toBe(0);
    expect((await h.store.listOpenAlerts()).map((a) => [a.key, a.count])).toEqual([["store_unwritable", 1]]);
    guard.start();
    h.timers.runNext();
    await h.settle();
    expect(guard.healthy()).toBe(true);
    expect(recovered).toBe(1);
    expect(await metricValue(h.metrics.storeHealthy)).toBe(1);
    expect(await h.store.listOpenAlerts()).toEqual([]);
    await expect(guard.write("claim", async () => "written")).resolves.toBe("written");
    guard.stop();
    expect(h.timers.pending()).toBe(0);
  });

  it("a refused input is a bug, logged, not a health problem", async () => {
    h = await createHarness();
    const bad = new StoreError("INVALID_TRANSITION", "illegal firing transition accepted → sent");
    await expect(h.guard.write("transition", () => Promise.reject(bad))).rejects.toBe(bad);
    expect(h.guard.healthy()).toBe(true);
    expect(h.logs().find((line) => line["event"] === "store.refused")).toMatchObject({
      code: "INVALID_TRANSITION",
    });
  });

  it("a read-only store fails the probe", async () => {
    h = await createHarness();
    const readOnly = await openStore(h.storeUrl, { clock: h.clock, readOnly: true });
    try {
      const alerter = createAlerter({
        store: readOnly,
        clock: h.clock,
        timers: h.timers,
        logger: h.logger,
        metrics: h.metrics,
        webhook: undefined,
        repeatEveryMs: 3_600_000,
      });
      const guard = createStoreGuard({
        store: readOnly,
        alerter,
        timers: h.timers,
        logger: h.logger,
        metrics: h.metrics,
      });
      expect(await guard.probe()).toBe(false);
      expect(guard.healthy()).toBe(false);
      expect(h.logs().find((line) => line["kind"] === "store_unwritable")?.["msg"]).toMatch(
        /^the store refused a write \(health probe: READ_ONLY\): seqd fires nothing until/,
      );
    } finally {
      await readOnly.close();
    }
  });
});
