import { openStore } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { createAlerter } from "./alerter.js";
import type { DispatcherOptions } from "./dispatcher.js";
import {
  createHarness,
  type Harness,
  metricValue,
  type RuleOverrides,
  SIM_STATE,
  testDispatcher,
  testRules,
} from "./runtime-test-kit.js";
import { createStoreGuard } from "./store-guard.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const rules = (overrides?: RuleOverrides) => testRules(h, overrides);
const dispatcher = (overrides?: Partial<DispatcherOptions>) => testDispatcher(h, overrides);

describe("dispatcher: the happy path", () => {
  it("200 → accepted with Sequence's requestId; sent was written before the call; one execution", async () => {
    h = await createHarness();
    const firing = await h.claim({
      triggerId: "payday",
      ruleId: "sweep",
      idempotencyKey: "payday-20260302T1400",
    });
    const result = await h.drive(dispatcher().dispatch(firing));
    expect(result).toMatchObject({ status: "accepted", attempts: 1, conflict: false });
    const [event] = h.triggers();
    expect(h.triggers()).toHaveLength(1);
    expect(event).toMatchObject({
      ruleId: "ru_sweep",
      idempotencyKey: "payday-20260302T1400",
      outcome: "executed",
    });
    const stored = await h.store.getFiring(firing.id);
    expect(stored).toMatchObject({ status: "accepted", attempts: 1, requestId: event?.requestId });
    expect(stored?.sentAt).toEqual(h.clock.now());
    await h.sim.settled();
    expect(h.sim.executions()).toHaveLength(1);
    expect(await metricValue(h.metrics.firings, { trigger: "payday", outcome: "accepted" })).toBe(1);
    expect(await metricValue(h.metrics.sequenceRequests, { op: "triggerRule", status: "200" })).toBe(1);
    const sendLine = h.logs().find((line) => line["event"] === "firing.send");
    expect(sendLine).toMatchObject({
      triggerId: "payday",
      ruleId: "sweep",
      idempotencyKey: "payday-20260302T1400",
      configHash: "cfg0",
      occurrence: firing.occurrence,
    });
  });

  it("a firing already sent (before a crash) is resent with the same key; Sequence runs it once", async () => {
    h = await createHarness();
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep", idempotencyKey: "payday-k1" });
    await h.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" });
    const rule = rules().get("sweep")!;
    await h.client.triggerRule({ url: rule.url, secret: rule.secret, idempotencyKey: "payday-k1" });
    const sent = (await h.store.getFiring(firing.id))!;
    const result = await h.drive(dispatcher().dispatch(sent));
    expect(result.status).toBe("accepted");
    expect(h.triggers().map((e) => [e.idempotencyKey, e.outcome])).toEqual([
      ["payday-k1", "executed"],
      ["payday-k1", "deduplicated"],
    ]);
    await h.sim.settled();
    expect(h.sim.executions()).toHaveLength(1);
  });

  it("409 for a key Sequence already has → accepted", async () => {
    h = await createHarness({ state: { ...SIM_STATE, idempotency: { duplicate: "conflict" } } });
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep", idempotencyKey: "payday-k409" });
    await h.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" });
    const rule = rules().get("sweep")!;
    await h.client.triggerRule({ url: rule.url, secret: rule.secret, idempotencyKey: "payday-k409" });
    const result = await h.drive(dispatcher().dispatch((await h.store.getFiring(firing.id))!));
    expect(result).toMatchObject({ status: "accepted", conflict: true });
    expect(await h.store.getFiring(firing.id)).toMatchObject({
      status: "accepted",
      reason: "409: Sequence already had this idempotency key",
    });
    expect(h.triggers().map((e) => e.status)).toEqual([200, 409]);
  });

  it("dispatching the same firing twice shares one run", async () => {
    h = await createHarness();
    const d = dispatcher();
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const [a, b] = await h.drive(Promise.all([d.dispatch(firing), d.dispatch(firing)]));
    expect(a).toEqual(b);
    expect(h.triggers()).toHaveLength(1);
  });
});

describe("dispatcher: spacing, dry run, leadership, fail closed", () => {
  it("minInterval spaces the triggers of one rule", async () => {
    h = await createHarness();
    const d = dispatcher({ rules: rules({ sweep: { minIntervalMs: 60_000 } }) });
    const firings = [];
    for (const n of [1, 2, 3]) firings.push(await h.claim({ triggerId: `t${n}`, ruleId: "sweep" }));
    await h.drive(Promise.all(firings.map((firing) => d.dispatch(firing))));
    expect(h.triggers().map((e) => e.at.slice(11, 19))).toEqual(["14:00:00", "14:01:00", "14:02:00"]);
  });

  it("dry run: records dry-run firings, never calls Sequence, and refuses to send claimed ones", async () => {
    h = await createHarness();
    const d = dispatcher({ dryRun: true });
    const dry = await h.claim({ triggerId: "payday", ruleId: "sweep", status: "dry-run" });
    expect(await h.drive(d.dispatch(dry))).toEqual({ firingId: dry.id, status: "dry-run" });
    const live = await h.claim({ triggerId: "payday", ruleId: "sweep", idempotencyKey: "live-1" });
    expect(await h.drive(d.dispatch(live))).toMatchObject({ status: "left" });
    expect(h.triggers()).toEqual([]);
    expect(await h.store.getFiring(live.id)).toMatchObject({ status: "claimed" });
    expect(await metricValue(h.metrics.firings, { trigger: "payday", outcome: "dry-run" })).toBe(1);
  });

  it("an instance without the lease sends nothing and leaves the firing claimed", async () => {
    h = await createHarness();
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const result = await h.drive(dispatcher({ leadership: { isLeader: () => false } }).dispatch(firing));
    expect(result).toMatchObject({ status: "left" });
    expect(h.triggers()).toEqual([]);
    expect(await h.store.getFiring(firing.id)).toMatchObject({ status: "claimed" });
  });

  it("fails closed: a read-only store refuses `sent`, so Sequence is never called", async () => {
    h = await createHarness();
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
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
      const d = dispatcher({ store: readOnly, guard, alerter });
      const result = await h.drive(d.dispatch(firing));
      expect(result).toMatchObject({ status: "left" });
      expect(result.status === "left" && result.reason).toContain("READ_ONLY");
      expect(h.triggers()).toEqual([]);
      expect(guard.healthy()).toBe(false);
      expect(await metricValue(h.metrics.storeHealthy)).toBe(0);
      const alertLine = h.logs().find((line) => line["kind"] === "store_unwritable");
      expect(alertLine).toMatchObject({ event: "alert", severity: "critical", level: "error" });
      expect(await h.store.getFiring(firing.id)).toMatchObject({ status: "claimed", attempts: 0 });
    } finally {
      await readOnly.close();
    }
  });

  it("stop: a firing waiting to retry is left sent for recovery", async () => {
    h = await createHarness();
    h.sim.addFault({ route: "trigger", kind: "status", status: 503 });
    const d = dispatcher();
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const result = d.dispatch(firing);
    await h.settle();
    expect(h.timers.pending()).toBe(1);
    await d.stop();
    expect(await result).toMatchObject({ status: "left" });
    expect(await h.store.getFiring(firing.id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});
