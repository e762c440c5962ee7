import { Secret, type SequenceClient } from "@seqd/core";
import type { Store } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { createAlerter } from "./alerter.js";
import type { DispatchRule } from "./dispatch-rules.js";
import { createDispatcher } from "./dispatcher.js";
import { RESEND_WINDOW_MS } from "./idempotency-window.js";
import { recoverFirings } from "./recovery.js";
import { createHarness, type Harness, metricValue } from "./runtime-test-kit.js";
import { createStoreGuard } from "./store-guard.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function sweepRule(): Map<string, DispatchRule> {
  return new Map([
    [
      "sweep",
      {
        id: "sweep",
        url: `${h.sim.url}/remote-api/rules/ru_sweep/trigger`,
        secret: new Secret("rule-secret-sweep"),
        minIntervalMs: 0,
      },
    ],
  ]);
}

/** A fresh daemon's runtime pieces on `store` (as after a restart). */
function runtimeOn(store: Store, options: { client?: SequenceClient; dryRun?: boolean } = {}) {
  const alerter = createAlerter({
    store,
    clock: h.clock,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
    webhook: undefined,
    repeatEveryMs: 3_600_000,
  });
  const guard = createStoreGuard({ store, alerter, timers: h.timers, logger: h.logger, metrics: h.metrics });
  const dispatcher = createDispatcher({
    client: options.client ?? h.client,
    store,
    guard,
    alerter,
    leadership: { isLeader: () => true },
    clock: h.clock,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
    random: () => 0.5,
    rules: sweepRule(),
    dryRun: options.dryRun ?? false,
  });
  const recover = () =>
    recoverFirings({
      store,
      guard,
      dispatcher,
      alerter,
      clock: h.clock,
      logger: h.logger,
      metrics: h.metrics,
      dryRun: options.dryRun ?? false,
    });
  return { alerter, guard, dispatcher, recover };
}

describe("restart recovery", () => {
  it("a firing left claimed and one left sent by a crash are sent with their keys and run exactly once", async () => {
    h = await createHarness();
    const neverSent = await h.claim({
      triggerId: "payday",
      ruleId: "sweep",
      idempotencyKey: "crash-claimed",
    });
    const inFlight = await h.claim({ triggerId: "low", ruleId: "sweep", idempotencyKey: "crash-sent" });
    // The crash: Sequence answers, but the store is gone before the outcome is written.
    const crashing: SequenceClient = {
      ...h.client,
      async triggerRule(input) {
        const result = await h.client.triggerRule(input);
        await h.store.close();
        return result;
      },
    };
    const before = runtimeOn(h.store, { client: crashing });
    const lost = await h.drive(before.dispatcher.dispatch(inFlight));
    expect(lost).toMatchObject({ status: "left" });
    expect(h.triggers().map((e) => [e.idempotencyKey, e.outcome])).toEqual([["crash-sent", "executed"]]);

    const store = await h.reopenStore();
    expect((await store.listUnfinished()).map((f) => [f.idempotencyKey, f.status])).toEqual([
      ["crash-claimed", "claimed"],
      ["crash-sent", "sent"],
    ]);
    const after = runtimeOn(store);
    const report = await after.recover();
    expect(report.resumed.map((r) => r.firing.id)).toEqual([neverSent.id, inFlight.id]);
    const results = await h.drive(Promise.all(report.resumed.map((r) => r.result)));
    expect(results.map((r) => r.status)).toEqual(["accepted", "accepted"]);
    expect(h.triggers().map((e) => [e.idempotencyKey, e.outcome])).toEqual([
      ["crash-sent", "executed"],
      ["crash-claimed", "executed"],
      ["crash-sent", "deduplicated"],
    ]);
    await h.sim.settled();
    expect(h.sim.executions()).toHaveLength(2);
    expect(await store.listUnfinished()).toEqual([]);
    expect(await store.getFiring(inFlight.id)).toMatchObject({
      status: "accepted",
      requestId: h.triggers()[0]?.requestId,
    });
  });

  it("older than the resend window: sent → ambiguous, claimed → missed, both alerted, nothing sent", async () => {
    h = await createHarness();
    const claimed = await h.claim({
      triggerId: "payday",
      ruleId: "sweep",
      occurrence: "2026-03-02T14:00:00.000Z",
    });
    const sent = await h.claim({
      triggerId: "low",
      ruleId: "sweep",
      occurrence: "crossing:2026-03-02T13:55:00.000Z",
    });
    await h.store.transitionFiring(sent.id, { from: ["claimed"], to: "sent" });
    h.clock.advance(RESEND_WINDOW_MS + 1);
    const { recover } = runtimeOn(h.store);
    const report = await recover();
    expect(report.resumed).toEqual([]);
    expect(report.missed.map((f) => f.id)).toEqual([claimed.id]);
    expect(report.ambiguous.map((f) => f.id)).toEqual([sent.id]);
    expect(await h.store.getFiring(claimed.id)).toMatchObject({ status: "missed" });
    expect((await h.store.getFiring(sent.id))?.reason).toMatchInlineSnapshot(
      `"sent 23 h ago (2026-03-02T14:00:00.000Z) and never confirmed; Sequence keeps idempotency keys ~24 h, so it is not resent"`,
    );
    expect((await h.store.listOpenAlerts()).map((a) => [a.kind, a.key])).toEqual([
      ["firing_ambiguous", `firing_ambiguous:${sent.id}`],
      ["occurrence_missed", "occurrence_missed:payday"],
    ]);
    expect(h.triggers()).toEqual([]);
    expect(await metricValue(h.metrics.firings, { trigger: "low", outcome: "ambiguous" })).toBe(1);
    // The trigger's next accepted firing closes the missed alert; the ambiguous one waits for a human.
    const next = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    expect(await h.drive(runtimeOn(h.store).dispatcher.dispatch(next))).toMatchObject({ status: "accepted" });
    expect((await h.store.listOpenAlerts()).map((a) => a.key)).toEqual([`firing_ambiguous:${sent.id}`]);
  });

  it("just inside the window a sent firing is still resent", async () => {
    h = await createHarness();
    const sent = await h.claim({ triggerId: "low", ruleId: "sweep", idempotencyKey: "late-but-ok" });
    await h.store.transitionFiring(sent.id, { from: ["claimed"], to: "sent" });
    h.clock.advance(RESEND_WINDOW_MS);
    const report = await runtimeOn(h.store).recover();
    expect(report.resumed).toHaveLength(1);
    expect(await h.drive(report.resumed[0]!.result)).toMatchObject({ status: "accepted" });
  });

  it("dry run reports unfinished firings and changes nothing", async () => {
    h = await createHarness();
    const claimed = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const report = await runtimeOn(h.store, { dryRun: true }).recover();
    expect(report.untouched.map((f) => f.id)).toEqual([claimed.id]);
    expect(await h.store.getFiring(claimed.id)).toMatchObject({ status: "claimed" });
    expect(h.triggers()).toEqual([]);
  });

  it("a firing already being dispatched here is not dispatched twice", async () => {
    h = await createHarness();
    h.sim.addFault({ route: "trigger", kind: "status", status: 503, times: 1 });
    const runtime = runtimeOn(h.store);
    const firing = await h.claim({ triggerId: "payday", ruleId: "sweep" });
    const running = runtime.dispatcher.dispatch(firing);
    await h.settle();
    const report = await runtime.recover();
    expect(report.untouched.map((f) => f.id)).toEqual([firing.id]);
    expect(await h.drive(running)).toMatchObject({ status: "accepted", attempts: 2 });
  });
});
