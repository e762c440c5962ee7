import { afterEach, describe, expect, it } from "vitest";
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

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const rules = (overrides?: RuleOverrides) => testRules(h, overrides);
const dispatcher = (overrides?: Partial<DispatcherOptions>) => testDispatcher(h, overrides);

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
