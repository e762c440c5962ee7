import { afterEach, describe, expect, it } from "vitest";
import { createSimulator } from "../simulator.js";
import { BASIC_STATE, startTestSim, stopAll } from "../test-support.js";

afterEach(stopAll);

const SIGNED = { "x-sequence-signature": "Bearer sec-fixed" };
const TRIGGER = "/rules/ru_fixed/trigger";
const get = (test: Awaited<ReturnType<typeof startTestSim>>, path: string) =>
  test
    .call(path, { method: "GET" })
    .then((reply) => ({ status: reply.status, body: JSON.parse(reply.text) }));
const send = (test: Awaited<ReturnType<typeof startTestSim>>, path: string, body: unknown, method = "POST") =>
  test
    .call(path, { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } })
    .then((reply) => ({ status: reply.status, body: JSON.parse(reply.text) }));

describe("/__sim/ control API", () => {
  it("GET /__sim/events lists events and filters by type, rule, outcome, since and after", async () => {
    const test = await startTestSim(BASIC_STATE);
    await test.call(TRIGGER, { headers: SIGNED });
    test.clock.advance(60_000);
    await test.call(TRIGGER, { headers: { "x-sequence-signature": "Bearer bad" } });
    await test.call("/accounts", { headers: { "x-sequence-access-token": "Bearer tok-all" } });
    await test.sim.settled();
    const all = await get(test, "/__sim/events");
    expect(all.body.events.map((e: { type: string }) => e.type)).toEqual([
      "trigger",
      "transfer",
      "execution",
      "trigger",
      "accounts",
    ]);
    expect(all.body.events[0]).toMatchObject({
      type: "trigger",
      ruleId: "ru_fixed",
      idempotencyKey: null,
      outcome: "executed",
      at: "2026-03-01T12:00:00.000Z",
    });
    const filtered = await get(test, "/__sim/events?type=trigger&ruleId=ru_fixed&outcome=unauthorized");
    expect(filtered.body.events).toMatchObject([{ type: "trigger", outcome: "unauthorized" }]);
    const since = await get(test, "/__sim/events?since=2026-03-01T12:01:00Z");
    expect(since.body.events.map((e: { type: string }) => e.type)).toEqual(["trigger", "accounts"]);
    const after = await get(test, "/__sim/events?after=3&limit=1");
    expect(after.body.events.map((e: { seq: number }) => e.seq)).toEqual([5]);
  });

  it("GET /__sim/events refuses a bad filter", async () => {
    const test = await startTestSim(BASIC_STATE);
    expect(await get(test, "/__sim/events?type=trigger,trigerr")).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('unknown event type "trigerr"') },
    });
    expect((await get(test, "/__sim/events?since=yesterday")).status).toBe(400);
    expect((await get(test, "/__sim/events?limit=-1")).status).toBe(400);
  });

  it("GET /__sim/state shows balances in cents, limits, keys and counters", async () => {
    const test = await startTestSim({ ...BASIC_STATE, rateLimit: { perRule: { max: 3, window: "60s" } } });
    await test.call(TRIGGER, { headers: { ...SIGNED, "idempotency-key": "k" } });
    await test.sim.settled();
    const { body } = await get(test, "/__sim/state");
    expect(body).toMatchObject({
      now: "2026-03-01T12:00:00.000Z",
      accounts: [
        { id: "5579244", name: "Checking", type: "Account", balanceInCents: 252_500, unavailable: null },
        { id: "5579245", balanceInCents: 997_500 },
        { id: "5579246", balanceInCents: 1999 },
      ],
      rules: [
        {
          id: "ru_fixed",
          apiTrigger: true,
          actions: 1,
          rateLimit: { max: 3, window: "1m", retryAfter: "computed", used: 1 },
        },
      ],
      idempotency: { retention: "1d", duplicate: "replay", scope: "rule", keyFormat: "any", keys: 1 },
      faults: [],
      executions: { total: 1, pending: 0 },
      transfers: 1,
    });
    expect(JSON.stringify(body)).not.toContain("sec-fixed");
    const executions = await get(test, "/__sim/executions");
    expect(executions.body.executions).toMatchObject([
      { ruleId: "ru_fixed", status: "executed", idempotencyKey: "k" },
    ]);
    const transfers = await get(test, "/__sim/transfers");
    expect(transfers.body.transfers).toMatchObject([{ amountInCents: 2500, from: "5579245", to: "5579244" }]);
  });

  it("POST /__sim/faults adds faults at run time; DELETE removes one or all", async () => {
    const test = await startTestSim(BASIC_STATE);
    const added = await send(test, "/__sim/faults", {
      faults: [{ kind: "status", status: 504 }, { kind: "reset" }],
    });
    expect(added.status).toBe(201);
    expect(added.body.faults.map((f: { id: string }) => f.id)).toEqual(["f1", "f2"]);
    expect((await test.call(TRIGGER, { headers: SIGNED })).status).toBe(504);
    expect((await send(test, "/__sim/faults/f1", {}, "DELETE")).status).toBe(200);
    expect((await send(test, "/__sim/faults/f1", {}, "DELETE")).status).toBe(404);
    expect((await get(test, "/__sim/faults")).body.faults.map((f: { kind: string }) => f.kind)).toEqual([
      "reset",
    ]);
    expect((await send(test, "/__sim/faults", {}, "DELETE")).body).toEqual({ removed: 1 });
    expect((await test.call(TRIGGER, { headers: SIGNED })).status).toBe(200);
  });

  it("POST /__sim/faults refuses an invalid fault with its issues", async () => {
    const test = await startTestSim(BASIC_STATE);
    const reply = await send(test, "/__sim/faults", { kind: "nullBalance", accounts: ["nope"] });
    expect(reply.status).toBe(400);
    expect(reply.body.issues).toMatchObject([
      { code: "unknown-reference", message: 'unknown account "nope"', path: ["faults", 0, "accounts", 0] },
    ]);
    expect(test.sim.faults()).toEqual([]);
  });

  it("POST /__sim/balances sets balances and read failures, all or nothing", async () => {
    const test = await startTestSim(BASIC_STATE);
    const ok = await send(test, "/__sim/balances", {
      "5579244": "$12.34",
      "5579245": { balance: 500, unavailable: "Connection failed" },
    });
    expect(ok.status).toBe(200);
    expect(test.sim.balances()).toEqual({ "5579244": 1234, "5579245": 500, "5579246": 1999 });
    const accounts = JSON.parse(
      (await test.call("/accounts", { headers: { "x-sequence-access-token": "Bearer tok-all" } })).text,
    );
    expect(accounts.data.accounts[1].balance).toEqual({ amountInDollars: null, error: "Connection failed" });
    const bad = await send(test, "/__sim/balances", { "5579244": "$1", "5579299": "$1", "5579245": "12" });
    expect(bad.status).toBe(400);
    // JSON objects with numeric-looking keys iterate in numeric order.
    expect(bad.body.issues.map((i: { message: string }) => i.message)).toEqual([
      'balance: "12" is not a money value',
      'unknown account "5579299"',
    ]);
    expect(test.sim.balances()["5579244"]).toBe(1234);
    await send(test, "/__sim/balances", { "5579245": { unavailable: null } });
    expect(test.sim.snapshot().accounts[1]?.unavailable).toBeNull();
  });

  it("POST /__sim/reset restores the initial state, or loads a new one", async () => {
    const test = await startTestSim(BASIC_STATE);
    await test.call(TRIGGER, { headers: { ...SIGNED, "idempotency-key": "k" } });
    await send(test, "/__sim/faults", { kind: "reset" });
    expect((await send(test, "/__sim/reset", {})).status).toBe(200);
    expect(test.sim.balances()["5579244"]).toBe(250_000);
    expect(test.sim.faults()).toEqual([]);
    expect(test.sim.executions()).toEqual([]);
    expect(test.sim.events()).toMatchObject([{ type: "control", action: "reset" }]);
    // The key was forgotten: the same key runs again.
    await test.call(TRIGGER, { headers: { ...SIGNED, "idempotency-key": "k" } });
    expect(test.sim.events({ type: "trigger" })).toMatchObject([{ outcome: "executed" }]);
    const next = await send(test, "/__sim/reset", {
      state: { accounts: [{ id: "n1", name: "New", type: "Pod", balance: "$1" }] },
    });
    expect(next.body.accounts).toMatchObject([{ id: "n1", balanceInCents: 100 }]);
    const bad = await send(test, "/__sim/reset", { state: { acounts: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].message).toBe('unknown key "acounts" in state');
  });

  it("GET /__sim/settled answers once running rules have finished", async () => {
    const test = await startTestSim(BASIC_STATE);
    await test.call(TRIGGER, { headers: SIGNED });
    const settled = await get(test, "/__sim/settled");
    expect(settled.body).toEqual({ pending: 0, executions: 1 });
    expect(test.sim.executions()[0]?.status).toBe("executed");
  });

  it("POST /__sim/tick applies scripted drift that fell due on the clock", async () => {
    const test = await startTestSim({
      ...BASIC_STATE,
      drift: [{ account: "5579244", every: "10s", by: "-$150", min: "$0" }],
    });
    expect((await send(test, "/__sim/tick", {})).body).toEqual({ drift: [] });
    test.clock.advance(25_000);
    const { body } = await send(test, "/__sim/tick", {});
    expect(body.drift).toMatchObject([{ type: "drift", account: "5579244", byInCents: -30_000, steps: 2 }]);
    expect(test.sim.balances()["5579244"]).toBe(220_000);
    test.clock.advance(10_000_000);
    test.sim.tick();
    expect(test.sim.balances()["5579244"]).toBe(0);
  });

  it("answers non-loopback clients with 403", async () => {
    const sim = createSimulator({ state: BASIC_STATE });
    const request = new Request("http://sim/__sim/state");
    const remote = await sim.app.fetch(request, { incoming: { socket: { remoteAddress: "10.0.0.7" } } });
    expect(remote.status).toBe(403);
    const local = await sim.app.fetch(request, {
      incoming: { socket: { remoteAddress: "::ffff:127.0.0.1" } },
    });
    expect(local.status).toBe(200);
  });
});
