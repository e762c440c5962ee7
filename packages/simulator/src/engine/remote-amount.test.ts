import { afterEach, describe, expect, it } from "vitest";
import type { RemoteOptionsInput, StateInput } from "../state/input.js";
import { type AmountServer, startAmountServer, startTestSim, stopAll } from "../test-support.js";
import { parseReply, redactUrl } from "./remote-amount.js";

const servers: AmountServer[] = [];
afterEach(async () => {
  await stopAll();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function amountServer(...args: Parameters<typeof startAmountServer>) {
  const server = await startAmountServer(...args);
  servers.push(server);
  return server;
}

/** Runs a rule whose one action asks `url` for the amount; returns the simulator after it finished. */
async function runRemote(url: string, options: RemoteOptionsInput = {}, defaults?: RemoteOptionsInput) {
  const state: StateInput = {
    accounts: [
      { id: "sav", name: "Savings", type: "Pod", balance: "$100" },
      { id: "chk", name: "Checking", type: "Account", balance: "$7.50" },
    ],
    rules: [
      {
        id: "ru_topup",
        secret: "rule-secret",
        actions: [{ transfer: { from: "sav", to: "chk", amount: { remote: { url, ...options } } } }],
      },
    ],
    ...(defaults ? { remoteAmount: defaults } : {}),
  };
  const { call, sim } = await startTestSim(state);
  await call("/remote-api/rules/ru_topup/trigger", {
    headers: { "x-sequence-signature": "Bearer rule-secret" },
  });
  await sim.settled();
  return sim;
}

const ok = (cents: number) => () => ({ body: JSON.stringify({ amountInCents: cents }) });

describe("remote amount requests", () => {
  it("POSTs {} without a signature by default and moves the answered amount", async () => {
    const server = await amountServer(ok(1234));
    const sim = await runRemote(`${server.url}/amount/top-up?token=t0k`);
    expect(server.requests).toMatchObject([
      {
        method: "POST",
        url: "/amount/top-up?token=t0k",
        body: "{}",
        headers: { "content-type": "application/json" },
      },
    ]);
    expect(server.requests[0]?.headers["x-sequence-signature"]).toBeUndefined();
    expect(sim.transfers()).toMatchObject([{ amountInCents: 1234 }]);
    expect(sim.events({ type: "amount_request" })).toMatchObject([
      {
        url: `${server.url}/amount/top-up?token=<secret>`,
        method: "POST",
        body: "empty",
        signature: false,
        attempt: 1,
        status: 200,
        amountInCents: 1234,
        error: null,
      },
    ]);
  });

  it("sends no body at all with body: none", async () => {
    const server = await amountServer(ok(100));
    await runRemote(server.url, { body: "none" });
    expect(server.requests[0]?.body).toBe("");
    expect(server.requests[0]?.headers["content-type"]).toBeUndefined();
  });

  it("sends the candidate context fields with body: context, and the signature when asked", async () => {
    const server = await amountServer(ok(100));
    const sim = await runRemote(server.url, { body: "context", signature: true });
    const [execution] = sim.executions();
    expect(server.requests[0]?.headers["x-sequence-signature"]).toBe("Bearer rule-secret");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      ruleId: "ru_topup",
      executionId: execution?.id,
      requestId: execution?.requestId,
      actionIndex: 0,
      sourceAccountId: "sav",
      destinationAccountId: "chk",
      sourceBalanceInCents: 10_000,
      destinationBalanceInCents: 750,
      triggeredAt: "2026-03-01T12:00:00.000Z",
    });
  });

  it("takes the state-wide remoteAmount defaults, and can GET", async () => {
    const server = await amountServer(ok(100));
    await runRemote(server.url, {}, { method: "GET", signature: true });
    expect(server.requests).toMatchObject([
      { method: "GET", body: "", headers: { "x-sequence-signature": "Bearer rule-secret" } },
    ]);
  });

  it("fails the action when the endpoint times out", async () => {
    const server = await amountServer(() => "hang");
    const sim = await runRemote(server.url, { timeout: "50ms" });
    expect(sim.events({ type: "action_failed" })).toMatchObject([
      { code: "REMOTE_AMOUNT_FAILED", message: "timed out after 50 ms" },
    ]);
    expect(sim.transfers()).toEqual([]);
  });

  it.each([
    ["a 500", { status: 500, body: "{}" }, "answered HTTP 500"],
    ["a 404", { status: 404, body: '{"error":"no"}' }, "answered HTTP 404"],
    ["a float", { body: '{"amountInCents": 12.5}' }, 'reply needs "amountInCents" as a whole number ≥ 0'],
    ["a negative", { body: '{"amountInCents": -1}' }, 'reply needs "amountInCents"'],
    ["a string amount", { body: '{"amountInCents": "100"}' }, 'reply needs "amountInCents"'],
    ["an unsafe integer", { body: '{"amountInCents": 9007199254740993}' }, 'reply needs "amountInCents"'],
    ["dollars instead", { body: '{"amountInDollars": 12}' }, 'reply needs "amountInCents"'],
    ["not JSON", { body: "100" }, 'reply needs "amountInCents"'],
    ["broken JSON", { body: '{"amountInCents": 1' }, "reply is not JSON"],
  ])("fails the action on %s", async (_case, reply, message) => {
    const server = await amountServer(() => reply);
    const sim = await runRemote(server.url);
    const [failed] = sim.events({ type: "action_failed" });
    expect(failed).toMatchObject({ code: "REMOTE_AMOUNT_FAILED" });
    expect(failed?.type === "action_failed" && failed.message).toContain(message);
    expect(sim.executions()[0]?.status).toBe("failed");
  });

  it("treats an answered 0 as nothing to move", async () => {
    const server = await amountServer(ok(0));
    const sim = await runRemote(server.url);
    expect(sim.events({ type: "action_skipped" })).toHaveLength(1);
    expect(sim.executions()[0]?.status).toBe("executed");
  });

  it("retries 5xx answers when configured, then uses the answer", async () => {
    const server = await amountServer((_request, index) =>
      index < 2 ? { status: 503, body: "busy" } : { body: '{"amountInCents":500}' },
    );
    const sim = await runRemote(server.url, { retries: 2 });
    expect(server.requests).toHaveLength(3);
    expect(
      sim.events({ type: "amount_request" }).map((e) => e.type === "amount_request" && e.status),
    ).toEqual([503, 503, 200]);
    expect(sim.transfers()).toMatchObject([{ amountInCents: 500 }]);
  });

  it("does not retry a 4xx", async () => {
    const server = await amountServer(() => ({ status: 401, body: "{}" }));
    await runRemote(server.url, { retries: 3 });
    expect(server.requests).toHaveLength(1);
  });
});

describe("parseReply and redactUrl", () => {
  it("accepts extra fields beside a valid amount", () => {
    expect(parseReply('{"amountInCents": 250, "why": "top-up"}')).toEqual({ ok: true, cents: 250 });
  });

  it("hides only the token value", () => {
    expect(redactUrl("http://127.0.0.1:8787/amount/x?token=abc&pod=Main")).toBe(
      "http://127.0.0.1:8787/amount/x?token=<secret>&pod=Main",
    );
    expect(redactUrl("http://127.0.0.1:8787/amount/x")).toBe("http://127.0.0.1:8787/amount/x");
  });
});
