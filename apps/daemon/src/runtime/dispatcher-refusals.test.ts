import { Secret } from "@seqd/core";
import { afterEach, describe, expect, it } from "vitest";
import type { DispatcherOptions } from "./dispatcher.js";
import {
  createHarness,
  type Harness,
  type RuleOverrides,
  testDispatcher,
  testRules,
} from "./runtime-test-kit.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const rules = (overrides?: RuleOverrides) => testRules(h, overrides);
const dispatcher = (overrides?: Partial<DispatcherOptions>) => testDispatcher(h, overrides);

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

  it("a changed secret starts the 401 count afresh", async () => {
    h = await createHarness();
    const d = dispatcher({ rules: rules({ sweep: { secret: new Secret("wrong-1") } }) });
    await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    d.setRules(rules({ sweep: { secret: new Secret("wrong-2") } }));
    await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(d.openCircuits()).toEqual([]);
    await h.drive(d.dispatch(await h.claim({ triggerId: "payday", ruleId: "sweep" })));
    expect(d.openCircuits()).toEqual(["sweep"]);
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
