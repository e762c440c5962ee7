import { afterEach, describe, expect, it } from "vitest";
import type { StateInput } from "../state/input.js";
import { BASIC_STATE, sequentialIds, startTestSim, stopAll } from "../test-support.js";

afterEach(stopAll);

const SIGNED = { "x-sequence-signature": "Bearer sec-fixed", "content-type": "application/json" };
const keyed = (key: string) => ({ ...SIGNED, "idempotency-key": key });
const TRIGGER = "/remote-api/rules/ru_fixed/trigger";

const limited = (
  rateLimit: NonNullable<StateInput["rateLimit"]>,
  idempotency?: StateInput["idempotency"],
) => ({
  ...BASIC_STATE,
  rateLimit,
  ...(idempotency ? { idempotency } : {}),
});

describe("POST …/rules/:id/trigger", () => {
  it.each([TRIGGER, "/rules/ru_fixed/trigger"])("accepts %s with the exact 200 body", async (path) => {
    const { call, sim } = await startTestSim(BASIC_STATE, { newId: sequentialIds("req") });
    const reply = await call(path, { headers: SIGNED });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(reply.text).toBe(
      '{"code":"OK","message":"Rule with id ru_fixed has been triggered","data":{"requestId":"req-1"}}',
    );
    expect(sim.events({ type: "trigger" })).toEqual([
      {
        type: "trigger",
        ruleId: "ru_fixed",
        idempotencyKey: null,
        path,
        body: "{}",
        outcome: "executed",
        requestId: "req-1",
        executionId: "req-2",
        status: 200,
        seq: 1,
        at: "2026-03-01T12:00:00.000Z",
      },
    ]);
  });

  it.each([
    ["no signature", { "content-type": "application/json" }],
    ["a wrong secret", { "x-sequence-signature": "Bearer nope" }],
    ["the secret without Bearer", { "x-sequence-signature": "sec-fixed" }],
    ["the access-token header instead", { "x-sequence-access-token": "Bearer sec-fixed" }],
  ])("answers 401 INVALID_API_SECRET to %s and runs nothing", async (_case, headers) => {
    const { call, sim } = await startTestSim(BASIC_STATE);
    const reply = await call(TRIGGER, { headers });
    expect(reply.status).toBe(401);
    expect(reply.text).toBe('{"code":"INVALID_API_SECRET","message":"Unauthorized"}');
    await sim.settled();
    expect(sim.executions()).toEqual([]);
    expect(sim.events({ type: "trigger" })).toMatchObject([{ outcome: "unauthorized", requestId: null }]);
  });

  it("answers 400 INVALID_REQUEST for an unknown rule and for a rule without an API trigger", async () => {
    const { call, sim } = await startTestSim({
      ...BASIC_STATE,
      rules: [...(BASIC_STATE.rules ?? []), { id: "ru_app", secret: "s", apiTrigger: false }],
    });
    for (const path of ["/remote-api/rules/ru_nope/trigger", "/rules/ru_app/trigger"]) {
      const reply = await call(path, { headers: { "x-sequence-signature": "Bearer s" } });
      expect(reply.status).toBe(400);
      expect(reply.text).toBe('{"code":"INVALID_REQUEST","message":"Invalid request"}');
    }
    expect(sim.events({ outcome: "invalid" })).toHaveLength(2);
  });
});

describe("per-rule rate limit", () => {
  it("answers 429 with the exact message and Retry-After, then recovers when the window passes", async () => {
    const { call, clock, sim } = await startTestSim(
      limited({ perRule: { max: 2, window: "60s", retryAfter: true } }),
    );
    expect((await call(TRIGGER, { headers: SIGNED })).status).toBe(200);
    clock.advance(20_000);
    expect((await call(TRIGGER, { headers: SIGNED })).status).toBe(200);
    clock.advance(10_000);
    const refused = await call(TRIGGER, { headers: SIGNED });
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("30");
    expect(refused.text).toBe(
      '{"code":"TOO_MANY_REQUESTS","message":"Rule with id ru_fixed has been triggered too many times. Please try again later."}',
    );
    clock.advance(30_000);
    expect((await call(TRIGGER, { headers: SIGNED })).status).toBe(200);
    expect(sim.events({ type: "trigger" }).map((e) => e.type === "trigger" && e.outcome)).toEqual([
      "executed",
      "executed",
      "rate_limited",
      "executed",
    ]);
  });

  it("omits Retry-After or sends a fixed one, as configured", async () => {
    const none = await startTestSim(limited({ perRule: { max: 1, window: "60s", retryAfter: false } }));
    await none.call(TRIGGER, { headers: SIGNED });
    const bare = await none.call(TRIGGER, { headers: SIGNED });
    expect([bare.status, bare.headers["retry-after"]]).toEqual([429, undefined]);
    const fixed = await startTestSim(limited({ perRule: { max: 1, window: "60s", retryAfter: "5s" } }));
    await fixed.call(TRIGGER, { headers: SIGNED });
    expect((await fixed.call(TRIGGER, { headers: SIGNED })).headers["retry-after"]).toBe("5");
  });

  it("does not count refused or deduplicated requests", async () => {
    const { call } = await startTestSim(limited({ perRule: { max: 1, window: "60s" } }));
    await call(TRIGGER, { headers: { "x-sequence-signature": "Bearer wrong" } });
    expect((await call(TRIGGER, { headers: keyed("k1") })).status).toBe(200);
    expect((await call(TRIGGER, { headers: keyed("k1") })).status).toBe(200);
    expect((await call(TRIGGER, { headers: keyed("k2") })).status).toBe(429);
  });

  it("lets a rule override the default limit", async () => {
    const { call } = await startTestSim({
      ...BASIC_STATE,
      rateLimit: { perRule: { max: 1, window: "60s" } },
      rules: [{ id: "ru_x", secret: "s", rateLimit: { max: 3, window: "60s" } }],
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await call("/rules/ru_x/trigger", { headers: { "x-sequence-signature": "Bearer s" } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("idempotency-key", () => {
  it("executes once and answers a repeat with the original body", async () => {
    const { call, sim } = await startTestSim(BASIC_STATE);
    const first = await call(TRIGGER, { headers: keyed("payday-2026-03-01") });
    const second = await call(TRIGGER, { headers: keyed("payday-2026-03-01") });
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    await sim.settled();
    expect(sim.executions()).toHaveLength(1);
    expect(sim.balances()["5579244"]).toBe(252_500);
    const events = sim.events({ type: "trigger" });
    expect(events.map((e) => e.type === "trigger" && [e.outcome, e.requestId])).toEqual([
      ["executed", JSON.parse(first.text).data.requestId],
      ["deduplicated", JSON.parse(first.text).data.requestId],
    ]);
  });

  it("forgets a key after the retention and executes again", async () => {
    const { call, clock, sim } = await startTestSim({ ...BASIC_STATE, idempotency: { retention: "1h" } });
    await call(TRIGGER, { headers: keyed("k") });
    clock.advance(3_599_999);
    await call(TRIGGER, { headers: keyed("k") });
    clock.advance(1);
    const third = await call(TRIGGER, { headers: keyed("k") });
    await sim.settled();
    expect(third.status).toBe(200);
    expect(sim.executions()).toHaveLength(2);
  });

  it("answers 409 to a repeat in conflict mode, without executing", async () => {
    const { call, sim } = await startTestSim(limited({}, { duplicate: "conflict" }));
    await call(TRIGGER, { headers: keyed("k") });
    const repeat = await call(TRIGGER, { headers: keyed("k") });
    expect(repeat.status).toBe(409);
    expect(repeat.text).toBe(
      '{"code":"DUPLICATE_REQUEST","message":"A request with this idempotency-key has already been processed"}',
    );
    await sim.settled();
    expect(sim.executions()).toHaveLength(1);
  });

  it("keeps keys per rule, or across rules with scope global", async () => {
    const twoRules = (scope: "rule" | "global"): StateInput => ({
      ...BASIC_STATE,
      rules: [
        { id: "a", secret: "s" },
        { id: "b", secret: "s" },
      ],
      idempotency: { scope },
    });
    const headers = { "x-sequence-signature": "Bearer s", "idempotency-key": "same" };
    for (const [scope, outcome] of [
      ["rule", "executed"],
      ["global", "deduplicated"],
    ] as const) {
      const { call, sim } = await startTestSim(twoRules(scope));
      await call("/rules/a/trigger", { headers });
      await call("/rules/b/trigger", { headers });
      expect(sim.events({ type: "trigger", ruleId: "b" })).toMatchObject([{ outcome }]);
    }
  });

  it("refuses keys outside the Platform format when keyFormat is platform", async () => {
    const { call } = await startTestSim(limited({}, { keyFormat: "platform" }));
    expect((await call(TRIGGER, { headers: keyed("x".repeat(37)) })).status).toBe(400);
    expect((await call(TRIGGER, { headers: keyed("ok-key:1") })).status).toBe(200);
  });

  it("does not remember a key whose request was refused", async () => {
    const { call, clock, sim } = await startTestSim(limited({ perRule: { max: 1, window: "60s" } }));
    await call(TRIGGER, { headers: keyed("first") });
    expect((await call(TRIGGER, { headers: keyed("late") })).status).toBe(429);
    clock.advance(60_000);
    expect((await call(TRIGGER, { headers: keyed("late") })).status).toBe(200);
    expect(sim.events({ type: "trigger" }).map((e) => e.type === "trigger" && e.outcome)).toEqual([
      "executed",
      "rate_limited",
      "executed",
    ]);
  });
});
