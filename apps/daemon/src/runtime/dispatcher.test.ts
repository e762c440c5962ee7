import { Secret } from "@seqd/core";
import { openStore } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { createAlerter } from "./alerter.js";
import type { DispatchRule } from "./dispatch-rules.js";
import { createDispatcher, type DispatcherOptions } from "./dispatcher.js";
import { createHarness, type Harness, metricValue, SIM_STATE } from "./runtime-test-kit.js";
import { createStoreGuard } from "./store-guard.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function rules(overrides: Partial<Record<"sweep" | "topup", Partial<DispatchRule>>> = {}) {
  const rule = (id: "sweep" | "topup"): DispatchRule => ({
    id,
    url: `${h.sim.url}/remote-api/rules/ru_${id}/trigger`,
    secret: new Secret(`rule-secret-${id}`),
    minIntervalMs: 0,
    ...overrides[id],
  });
  return new Map([
    ["sweep", rule("sweep")],
    ["topup", rule("topup")],
  ]);
}

function dispatcher(overrides: Partial<DispatcherOptions> = {}) {
  return createDispatcher({
    client: h.client,
    store: h.store,
    guard: h.guard,
    alerter: h.alerter,
    leadership: { isLeader: () => true },
    clock: h.clock,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
    random: () => 0.5,
    rules: rules(),
    dryRun: false,
    ...overrides,
  });
}

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

describe("dispatcher: rate limits", () => {
  const limited = (retryAfter: boolean) => ({
    ...SIM_STATE,
    rateLimit: { perRule: { max: 1, window: "60s", retryAfter } },
  });

  it("a 429 storm with Retry-After: waits exactly as told, same key on every attempt, one execution per firing", async () => {
    h = await createHarness({ state: limited(true) });
    const d = dispatcher();
    const firings = [];
    for (const n of [1, 2, 3]) {
      firings.push(await h.claim({ triggerId: `t${n}`, ruleId: "sweep", idempotencyKey: `storm-${n}` }));
    }
    const results = await h.drive(Promise.all(firings.map((firing) => d.dispatch(firing))));
    expect(results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    const events = h.triggers();
    for (const n of [1, 2, 3]) {
      const mine = events.filter((e) => e.idempotencyKey === `storm-${n}`);
      expect(mine.filter((e) => e.outcome === "executed")).toHaveLength(1);
      expect(mine.every((e) => e.idempotencyKey === `storm-${n}`)).toBe(true);
    }
    // Every retry came exactly when Retry-After said, never sooner.
    for (const [index, event] of events.entries()) {
      if (event.outcome !== "rate_limited") continue;
      const next = events.slice(index + 1).find((e) => e.idempotencyKey === event.idempotencyKey);
      expect(event.retryAfterSeconds).toBeGreaterThan(0);
      expect(Date.parse(next!.at) - Date.parse(event.at)).toBe(event.retryAfterSeconds! * 1000);
    }
    expect(events.map((e) => `${e.at.slice(11, 19)} ${e.idempotencyKey} ${e.outcome}`)).toEqual([
      "14:00:00 storm-1 executed",
      "14:00:00 storm-2 rate_limited",
      "14:01:00 storm-2 executed",
      "14:01:00 storm-3 rate_limited",
      "14:02:00 storm-3 executed",
    ]);
    const second = await h.store.getFiring(firings[1]!.id);
    expect(second).toMatchObject({ status: "accepted", attempts: 2, lastErrorCode: undefined });
    expect(await metricValue(h.metrics.sequenceRequests, { op: "triggerRule", status: "429" })).toBe(2);
  });

  it("a 429 without Retry-After waits at least 30 s (the policy's floor) and still executes once", async () => {
    h = await createHarness({ state: limited(false) });
    const d = dispatcher();
    const first = await h.claim({ triggerId: "a", ruleId: "sweep", idempotencyKey: "bare-1" });
    const second = await h.claim({ triggerId: "b", ruleId: "sweep", idempotencyKey: "bare-2" });
    await h.drive(Promise.all([d.dispatch(first), d.dispatch(second)]));
    expect(
      h
        .triggers()
        .map((e) => `${e.at.slice(11, 19)} ${e.idempotencyKey} ${e.outcome} ${e.retryAfterSeconds ?? "-"}`),
    ).toEqual([
      "14:00:00 bare-1 executed -",
      "14:00:00 bare-2 rate_limited -",
      "14:00:30 bare-2 rate_limited -",
      "14:01:00 bare-2 executed -",
    ]);
  });

  it("while one rule backs off, another rule fires at once", async () => {
    h = await createHarness({ state: limited(true) });
    const d = dispatcher();
    const a1 = await h.claim({ triggerId: "a1", ruleId: "sweep", idempotencyKey: "lane-a1" });
    const a2 = await h.claim({ triggerId: "a2", ruleId: "sweep", idempotencyKey: "lane-a2" });
    const b1 = await h.claim({ triggerId: "b1", ruleId: "topup", idempotencyKey: "lane-b1" });
    await h.drive(Promise.all([d.dispatch(a1), d.dispatch(a2), d.dispatch(b1)]));
    const executedAt = Object.fromEntries(
      h
        .triggers()
        .filter((e) => e.outcome === "executed")
        .map((e) => [e.idempotencyKey, e.at.slice(11, 19)]),
    );
    expect(executedAt).toEqual({ "lane-a1": "14:00:00", "lane-b1": "14:00:00", "lane-a2": "14:01:00" });
  });

  it("gives up after the attempts run out: failed (every attempt was refused) and alerted", async () => {
    h = await createHarness({ state: limited(false) });
    const policy = {
      baseMs: 1_000,
      capMs: 1_000,
      maxAttempts: 3,
      deadlineMs: 3_600_000,
      rateLimitFloorMs: 0,
      maxRetryAfterMs: 3_600_000,
    };
    const d = dispatcher({ retryPolicy: policy });
    const rule = rules().get("sweep")!;
    await h.client.triggerRule({ url: rule.url, secret: rule.secret, idempotencyKey: "someone-else" });
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const result = await h.drive(d.dispatch(firing));
    expect(result).toMatchObject({ status: "failed", reason: "max-attempts", attempts: 3 });
    expect(await h.store.getFiring(firing.id)).toMatchObject({
      status: "failed",
      attempts: 3,
      reason: "max-attempts",
      lastErrorCode: "TOO_MANY_REQUESTS",
    });
    const [alert] = await h.store.listOpenAlerts();
    expect(alert).toMatchObject({ key: "firing_failed:payday", kind: "firing_failed", severity: "critical" });
  });
});

describe("dispatcher: refusals and the 401 circuit", () => {
  it("401 → failed at once, alerted, not retried; the second 401 opens the circuit; then no call at all", async () => {
    h = await createHarness();
    const d = dispatcher({ rules: rules({ sweep: { secret: new Secret("wrong-secret") } }) });
    const first = await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(first).toMatchObject({ status: "failed", reason: "unauthorized", attempts: 1 });
    expect(h.timers.pending()).toBe(0);
    expect(d.openCircuits()).toEqual([]);
    await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(d.openCircuits()).toEqual(["sweep"]);
    const third = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    expect(await h.drive(d.dispatch(third))).toMatchObject({ status: "failed", reason: "circuit_open" });
    expect(h.triggers().map((e) => e.outcome)).toEqual(["unauthorized", "unauthorized"]);
    expect(await h.store.getFiring(third.id)).toMatchObject({
      status: "failed",
      attempts: 0,
      sentAt: undefined,
    });
    expect((await h.store.listOpenAlerts()).map((a) => [a.key, a.count])).toEqual([
      ["firing_failed:payday", 3],
      ["rule_circuit_open:sweep", 1],
    ]);
    // Another rule is not affected.
    const other = await h.drive(d.dispatch(await h.claim({ triggerId: "low", ruleId: "topup" })));
    expect(other.status).toBe("accepted");
  });

  it("a reload with a changed secret closes the circuit and resolves its alert", async () => {
    h = await createHarness();
    const d = dispatcher({
      rules: rules({ sweep: { secret: new Secret("wrong-secret") } }),
      circuitThreshold: 1,
    });
    await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(d.openCircuits()).toEqual(["sweep"]);
    d.setRules(rules({ sweep: { secret: new Secret("wrong-secret") } }));
    expect(d.openCircuits()).toEqual(["sweep"]);
    d.setRules(rules());
    await d.idle();
    expect(d.openCircuits()).toEqual([]);
    expect((await h.store.listOpenAlerts()).map((a) => a.key)).toEqual(["firing_failed:payday"]);
    const fixed = await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(fixed.status).toBe("accepted");
    // The next accepted firing of the trigger closes its failure alert.
    expect(await h.store.listOpenAlerts()).toEqual([]);
  });

  it("an operator reset closes the circuit", async () => {
    h = await createHarness();
    const d = dispatcher({ rules: rules({ sweep: { secret: new Secret("wrong") } }), circuitThreshold: 1 });
    await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(await d.resetCircuit("sweep")).toBe(true);
    expect(await d.resetCircuit("sweep")).toBe(false);
    expect(d.openCircuits()).toEqual([]);
  });

  it("400 (not an API-trigger rule) → failed, no retry", async () => {
    h = await createHarness();
    const d = dispatcher({
      rules: rules({ sweep: { url: `${h.sim.url}/remote-api/rules/ru_nope/trigger` } }),
    });
    const result = await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(result).toMatchObject({ status: "failed", reason: "not-retryable", attempts: 1 });
    expect(h.triggers().map((e) => e.status)).toEqual([400]);
  });

  it("a firing whose rule is gone from the config is failed (never sent) or ambiguous (sent before)", async () => {
    h = await createHarness();
    const d = dispatcher({ rules: new Map() });
    const claimed = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    expect(await h.drive(d.dispatch(claimed))).toMatchObject({ status: "failed", reason: "rule_unknown" });
    const sent = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    await h.store.transitionFiring(sent.id, { from: ["claimed"], to: "sent" });
    const result = await h.drive(d.dispatch((await h.store.getFiring(sent.id))!));
    expect(result).toMatchObject({ status: "ambiguous", reason: "rule_unknown" });
    expect(h.triggers()).toEqual([]);
  });
});

describe("dispatcher: transient failures", () => {
  it("5xx twice → retried with the same key, accepted; one execution", async () => {
    h = await createHarness();
    h.sim.addFault({ route: "trigger", kind: "status", status: 503, times: 2 });
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep", idempotencyKey: "five-xx" });
    const result = await h.drive(dispatcher().dispatch(firing));
    expect(result).toMatchObject({ status: "accepted", attempts: 3 });
    expect(h.triggers().map((e) => [e.idempotencyKey, e.status])).toEqual([
      ["five-xx", 503],
      ["five-xx", 503],
      ["five-xx", 200],
    ]);
    // Full jitter at random() = 0.5: 1 s, then 2 s.
    expect(h.triggers().map((e) => e.at.slice(11, 19))).toEqual(["14:00:00", "14:00:01", "14:00:03"]);
    await h.sim.settled();
    expect(h.sim.executions()).toHaveLength(1);
  });

  it("a reset after Sequence ran the rule → resent with the same key, deduplicated; one execution", async () => {
    h = await createHarness();
    h.sim.addFault({ route: "trigger", kind: "reset", processed: true, times: 1 });
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep", idempotencyKey: "reset-1" });
    const result = await h.drive(dispatcher().dispatch(firing));
    expect(result.status).toBe("accepted");
    expect(h.triggers().map((e) => [e.outcome, e.fault ?? null])).toEqual([
      ["executed", "reset"],
      ["deduplicated", null],
    ]);
    await h.sim.settled();
    expect(h.sim.executions()).toHaveLength(1);
  });

  it("a timeout is retried with the same key", async () => {
    h = await createHarness({ timeouts: { headersMs: 100 } });
    h.sim.addFault({ route: "trigger", kind: "latency", latency: "5s", times: 1 });
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep", idempotencyKey: "slow-1" });
    const result = await h.drive(dispatcher().dispatch(firing));
    expect(result).toMatchObject({ status: "accepted", attempts: 2 });
    expect(await metricValue(h.metrics.sequenceRequests, { op: "triggerRule", status: "timeout" })).toBe(1);
    // The stalled first request never finished inside the simulator; the retry ran the rule.
    expect(h.triggers().map((e) => [e.idempotencyKey, e.outcome])).toEqual([["slow-1", "executed"]]);
    expect(await h.store.getFiring(firing.id)).toMatchObject({ status: "accepted", attempts: 2 });
  });

  it("5xx until the attempts run out → ambiguous (Sequence may have run it), alerted", async () => {
    h = await createHarness();
    h.sim.addFault({ route: "trigger", kind: "status", status: 500, body: "text" });
    const policy = {
      baseMs: 1_000,
      capMs: 1_000,
      maxAttempts: 3,
      deadlineMs: 3_600_000,
      rateLimitFloorMs: 0,
      maxRetryAfterMs: 0,
    };
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const result = await h.drive(dispatcher({ retryPolicy: policy }).dispatch(firing));
    expect(result).toMatchObject({ status: "ambiguous", reason: "max-attempts", attempts: 3 });
    const [alert] = await h.store.listOpenAlerts();
    expect(alert).toMatchObject({ kind: "firing_ambiguous", key: `firing_ambiguous:${firing.id}` });
    expect(alert?.message).toContain("check it in the Sequence app");
    expect(await metricValue(h.metrics.firings, { trigger: "payday", outcome: "ambiguous" })).toBe(1);
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
