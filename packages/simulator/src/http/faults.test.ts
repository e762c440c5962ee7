import { afterEach, describe, expect, it } from "vitest";
import type { FaultInput } from "../state/input.js";
import { BASIC_STATE, startTestSim, stopAll, type TestSim } from "../test-support.js";

afterEach(stopAll);

const SIGNED = { "x-sequence-signature": "Bearer sec-fixed" };
const TOKEN = { "x-sequence-access-token": "Bearer tok-all" };
const TRIGGER = "/remote-api/rules/ru_fixed/trigger";

const withFaults = (faults: FaultInput[], seed?: number) =>
  startTestSim({ ...BASIC_STATE, faults, ...(seed === undefined ? {} : { seed }) });

const trigger = (test: TestSim, headers: Record<string, string> = SIGNED) => test.call(TRIGGER, { headers });

describe("faults", () => {
  it("latency holds the answer until the delay is over", async () => {
    const asked: number[] = [];
    let reached: () => void = () => {};
    const delayReached = new Promise<void>((resolve) => (reached = resolve));
    let release: () => void = () => {};
    const test = await startTestSim(
      { ...BASIC_STATE, faults: [{ kind: "latency", latency: "1500ms", route: "accounts" }] },
      {
        delay: (ms) => {
          asked.push(ms);
          reached();
          return new Promise((resolve) => (release = resolve));
        },
      },
    );
    let answered = false;
    const pending = test.call("/accounts", { headers: TOKEN }).then((reply) => {
      answered = true;
      return reply;
    });
    await delayReached;
    expect(asked).toEqual([1500]);
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
    expect((await trigger(test)).status).toBe(200);
    expect(asked).toEqual([1500]);
  });

  it("status answers a JSON 5xx or a plain-text one, without running the rule", async () => {
    const test = await withFaults([
      { kind: "status", status: 503, route: "trigger", times: 1 },
      { kind: "status", status: 502, body: "text", times: 1 },
    ]);
    const json = await trigger(test);
    expect([json.status, json.text]).toEqual([
      503,
      '{"code":"UNEXPECTED_ERROR","message":"Unexpected error"}',
    ]);
    const text = await test.call("/accounts", { headers: TOKEN });
    expect([text.status, text.headers["content-type"], text.text]).toEqual([
      502,
      "text/plain; charset=utf-8",
      "Bad Gateway",
    ]);
    await test.sim.settled();
    expect(test.sim.executions()).toEqual([]);
    expect(test.sim.events({ type: "trigger" })).toMatchObject([
      { outcome: "fault", status: 503, fault: "status", faultId: "f1", requestId: null },
    ]);
  });

  it("a processed 5xx runs the rule: the retry with the same key gets the original 200", async () => {
    const test = await withFaults([{ kind: "status", status: 500, processed: true, times: 1 }]);
    const headers = { ...SIGNED, "idempotency-key": "k" };
    expect((await trigger(test, headers)).status).toBe(500);
    const retry = await trigger(test, headers);
    expect(retry.status).toBe(200);
    await test.sim.settled();
    expect(test.sim.executions()).toHaveLength(1);
    expect(JSON.parse(retry.text).data.requestId).toBe(test.sim.executions()[0]?.requestId);
    expect(test.sim.events({ type: "trigger" }).map((e) => e.type === "trigger" && e.outcome)).toEqual([
      "executed",
      "deduplicated",
    ]);
  });

  it("reset destroys the connection", async () => {
    const test = await withFaults([{ kind: "reset", times: 1 }]);
    await expect(trigger(test)).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
    expect((await trigger(test)).status).toBe(200);
    expect(test.sim.events({ type: "trigger" })).toMatchObject([
      { outcome: "fault", status: null, fault: "reset" },
      { outcome: "executed", status: 200 },
    ]);
  });

  it("malformed answers 200 with a cut JSON body; on a trigger the rule still runs", async () => {
    const test = await withFaults([{ kind: "malformed" }]);
    const reply = await trigger(test);
    expect(reply.status).toBe(200);
    expect(reply.text.startsWith('{"code":"OK","message":"Rule with id ru_fixed')).toBe(true);
    expect(() => JSON.parse(reply.text)).toThrow();
    const accounts = await test.call("/accounts", { headers: TOKEN });
    expect(accounts.text.startsWith('{"message":"OK"')).toBe(true);
    expect(() => JSON.parse(accounts.text)).toThrow();
    await test.sim.settled();
    expect(test.sim.executions()).toHaveLength(1);
    expect(test.sim.events({ type: "trigger" })).toMatchObject([{ outcome: "executed", fault: "malformed" }]);
  });

  it("nullBalance nulls the chosen accounts with the error text", async () => {
    const test = await withFaults([
      { kind: "nullBalance", accounts: ["5579245"], error: "Institution down" },
    ]);
    const body = JSON.parse((await test.call("/accounts", { headers: TOKEN })).text);
    expect(body.data.accounts.map((a: { balance: unknown }) => a.balance)).toEqual([
      { amountInDollars: 2500, error: null },
      { amountInDollars: null, error: "Institution down" },
      { amountInDollars: 19.99, error: null },
    ]);
  });

  it("legacyShape answers the pre-2025 data.balances shape with bare numbers", async () => {
    const test = await withFaults([{ kind: "legacyShape" }], 1);
    const reply = await test.call("/accounts", { headers: TOKEN });
    expect(JSON.parse(reply.text).data).toEqual({
      balances: [
        { id: "5579244", name: "Checking", balance: 2500, type: "Account" },
        { id: "5579245", name: "Savings Pod", balance: 10000, type: "Pod" },
        { id: "5579246", name: "Paycheck", balance: 19.99, type: "Income Source" },
      ],
      errors: [],
    });
  });

  it("times: strikes N requests, then the route recovers", async () => {
    const test = await withFaults([{ kind: "status", status: 503, times: 2 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await trigger(test)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it("probability strikes by the seeded PRNG: the same seed replays the same failures", async () => {
    const run = async (seed: number) => {
      const test = await withFaults(
        [{ kind: "status", status: 503, route: "accounts", probability: 0.5 }],
        seed,
      );
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await test.call("/accounts", { headers: TOKEN })).status);
      return statuses;
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  it("a ruleId fault strikes only that rule's triggers", async () => {
    const test = await startTestSim({
      ...BASIC_STATE,
      rules: [...(BASIC_STATE.rules ?? []), { id: "ru_other", secret: "s" }],
      faults: [{ kind: "status", ruleId: "ru_other" }],
    });
    expect((await trigger(test)).status).toBe(200);
    expect(
      (await test.call("/rules/ru_other/trigger", { headers: { "x-sequence-signature": "Bearer s" } }))
        .status,
    ).toBe(503);
  });
});
