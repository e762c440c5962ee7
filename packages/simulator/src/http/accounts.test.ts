import { afterEach, describe, expect, it } from "vitest";
import { BASIC_STATE, sequentialIds, startTestSim, stopAll } from "../test-support.js";

afterEach(stopAll);

const AUTH = { "x-sequence-access-token": "Bearer tok-all", "content-type": "application/json" };

describe("POST /accounts", () => {
  it("answers the documented envelope byte for byte, balances in float dollars", async () => {
    const { call } = await startTestSim(BASIC_STATE, { newId: sequentialIds("req") });
    const reply = await call("/accounts", { headers: AUTH });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(reply.text).toBe(
      '{"message":"OK","requestId":"req-1","data":{"accounts":[' +
        '{"id":"5579244","name":"Checking","balance":{"amountInDollars":2500,"error":null},"type":"Account"},' +
        '{"id":"5579245","name":"Savings Pod","balance":{"amountInDollars":10000,"error":null},"type":"Pod"},' +
        '{"id":"5579246","name":"Paycheck","balance":{"amountInDollars":19.99,"error":null},"type":"Income Source"}' +
        '],"errors":[]}}',
    );
  });

  it("shows only the accounts a scoped token may see", async () => {
    const { call } = await startTestSim(BASIC_STATE);
    const reply = await call("/accounts", { headers: { "x-sequence-access-token": "Bearer tok-scoped" } });
    expect(JSON.parse(reply.text).data.accounts.map((a: { id: string }) => a.id)).toEqual(["5579245"]);
  });

  it("reports an unreadable balance as null with its error text", async () => {
    const { call } = await startTestSim({
      tokens: [{ token: "tok-all" }],
      accounts: [
        { id: "x1", name: "Chase", type: "Account", balance: "$5", unavailable: "Connection failed" },
      ],
    });
    const reply = await call("/accounts", { headers: AUTH });
    expect(JSON.parse(reply.text).data.accounts[0].balance).toEqual({
      amountInDollars: null,
      error: "Connection failed",
    });
  });

  it.each([
    ["no header", {}],
    ["a wrong token", { "x-sequence-access-token": "Bearer nope" }],
    ["the token without Bearer", { "x-sequence-access-token": "tok-all" }],
    ["the rule-secret header instead", { "x-sequence-signature": "Bearer tok-all" }],
  ])("answers 401 INVALID_ACCESS_TOKEN to %s", async (_case, headers) => {
    const { call, sim } = await startTestSim(BASIC_STATE);
    const reply = await call("/accounts", { headers });
    expect(reply.status).toBe(401);
    expect(reply.text).toBe('{"code":"INVALID_ACCESS_TOKEN","message":"Unauthorized"}');
    expect(sim.events({ type: "accounts" })).toMatchObject([{ outcome: "unauthorized", status: 401 }]);
  });

  it("records each read as an accounts event", async () => {
    const { call, sim } = await startTestSim(BASIC_STATE, { newId: sequentialIds("req") });
    await call("/accounts", { headers: AUTH });
    expect(sim.events({ type: "accounts" })).toEqual([
      {
        type: "accounts",
        outcome: "ok",
        status: 200,
        requestId: "req-1",
        accountIds: ["5579244", "5579245", "5579246"],
        seq: 1,
        at: "2026-03-01T12:00:00.000Z",
      },
    ]);
  });
});

describe("legacy routing", () => {
  it.each(["GET", "PUT", "DELETE"])("answers %s /accounts with 405 and Allow: POST", async (method) => {
    const { call } = await startTestSim(BASIC_STATE);
    const reply = await call("/accounts", { method, headers: AUTH });
    expect(reply.status).toBe(405);
    expect(reply.headers["allow"]).toBe("POST");
    expect(reply.text).toBe('{"code":"METHOD_NOT_ALLOWED","message":"Method not allowed"}');
  });

  it.each(["/remote-api/rules/ru_fixed/trigger", "/rules/ru_fixed/trigger", "/pods", "/transfers"])(
    "answers GET %s with 405",
    async (path) => {
      const { call } = await startTestSim(BASIC_STATE);
      expect((await call(path, { method: "GET" })).status).toBe(405);
    },
  );

  it("answers unknown paths with a 404 route-not-found body", async () => {
    const { call } = await startTestSim(BASIC_STATE);
    const reply = await call("/platform/v1/accounts", { headers: AUTH });
    expect(reply.status).toBe(404);
    expect(reply.text).toBe('{"code":"ROUTE_NOT_FOUND","message":"Route not found"}');
  });
});
