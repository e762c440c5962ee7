import { createFakeClock } from "@seqd/core";
import { describe, expect, it } from "vitest";
import { StateError } from "./errors.js";
import { createSimulator } from "./simulator.js";
import { toState } from "./state/load.js";
import { BASIC_STATE, sequentialIds } from "./test-support.js";

describe("createSimulator (in-process)", () => {
  it("answers app.request() like the server and runs the rule", async () => {
    const sim = createSimulator({ state: BASIC_STATE, clock: createFakeClock(), newId: sequentialIds() });
    const response = await sim.app.request("/rules/ru_fixed/trigger", {
      method: "POST",
      headers: { "x-sequence-signature": "Bearer sec-fixed" },
      body: "{}",
    });
    expect(await response.text()).toBe(
      '{"code":"OK","message":"Rule with id ru_fixed has been triggered","data":{"requestId":"id-1"}}',
    );
    await sim.settled();
    expect(sim.balances()["5579244"]).toBe(252_500);
  });

  it("reports a reset fault without a socket as a 502 marked x-sim-fault", async () => {
    const sim = createSimulator({ state: { ...BASIC_STATE, faults: [{ kind: "reset" }] } });
    const response = await sim.app.request("/accounts", { method: "POST" });
    expect([response.status, response.headers.get("x-sim-fault")]).toEqual([502, "reset"]);
  });

  it("addFault validates; setBalances is all-or-nothing", () => {
    const sim = createSimulator({ state: BASIC_STATE });
    expect(() => sim.addFault({ kind: "status", status: 302 })).toThrowError(StateError);
    expect(sim.addFault({ kind: "status", status: 500 })).toMatchObject({
      id: "f1",
      status: 500,
      remaining: null,
    });
    expect(sim.setBalances({ "5579244": "$1", nope: "$2" })).toMatchObject({ ok: false });
    expect(sim.balances()["5579244"]).toBe(250_000);
    expect(sim.setBalances({ "5579244": 1 })).toEqual({ ok: true });
    expect(sim.balances()["5579244"]).toBe(1);
  });

  it("reset accepts a validated state, which becomes the new initial state", async () => {
    const sim = createSimulator({ state: BASIC_STATE });
    const next = toState({ accounts: [{ id: "z", name: "Z", type: "Pod", balance: "$3" }] });
    expect(await sim.reset(next)).toEqual({ ok: true });
    sim.setBalances({ z: "$9" });
    await sim.reset();
    expect(sim.balances()).toEqual({ z: 300 });
  });

  it("keeps only the newest eventCap events, executions and transfers", async () => {
    const sim = createSimulator({ state: BASIC_STATE, eventCap: 2 });
    const requestIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await sim.app.request("/rules/ru_fixed/trigger", {
        method: "POST",
        headers: { "x-sequence-signature": "Bearer sec-fixed" },
      });
      requestIds.push(((await response.json()) as { data: { requestId: string } }).data.requestId);
    }
    await sim.settled();
    expect(sim.executions().map((e) => e.requestId)).toEqual(requestIds.slice(1));
    expect(sim.transfers()).toHaveLength(2);
    expect(sim.events()).toHaveLength(2);
    expect(sim.balances()["5579244"]).toBe(257_500);
  });

  it("never mutates the state it was given", () => {
    const state = toState(BASIC_STATE);
    const sim = createSimulator({ state });
    sim.setBalances({ "5579244": "$1" });
    expect(state.accounts[0]?.balance).toBe(250_000);
  });
});
