import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../runtime/runtime-test-kit.js";
import { type AuditQueue, createAuditQueue } from "./audit-queue.js";
import { type ServerHarness, startServerHarness, TOKENS } from "./http-test-kit.js";

let store: Harness;
let audits: AuditQueue;
let h: ServerHarness;

beforeEach(async () => {
  store = await createHarness();
  audits = createAuditQueue({
    store: store.store,
    guard: store.guard,
    timers: store.timers,
    logger: store.logger,
    metrics: store.metrics,
  });
  h = await startServerHarness({ audit: (row) => audits.push(row) });
});
afterEach(async () => {
  await h.close();
  await audits.stop();
  await store.close();
});

async function ask(path: string, token: string): Promise<{ status: number; requestId: string }> {
  const res = await request(`${h.server.url}${path}?token=${token}`, { method: "POST", body: "{}" });
  await res.body.dump();
  return { status: res.statusCode, requestId: String(res.headers["x-request-id"]) };
}

describe("amount audits in the store", () => {
  it("writes one row per answer with request id, inputs, formula hash, raw, clamped and outcome", async () => {
    h.balances.set("checking", 90_000);
    h.balances.set("savings", 500_000);
    const first = await ask("/amount/top-up", TOKENS["top-up"]);
    const second = await ask("/amount/top-up", TOKENS["top-up"]);
    h.balances.fail("savings");
    const zero = await ask("/amount/top-up", TOKENS["top-up"]);
    const rejected = await ask("/amount/strict", TOKENS.strict);
    await ask("/amount/top-up", "wrong-token");
    expect([first.status, second.status, zero.status, rejected.status]).toEqual([200, 200, 200, 503]);
    await audits.flush();

    const rows = await store.store.listAmountAudits({ limit: 100 });
    expect(rows).toHaveLength(4);
    const byId = new Map(rows.map((row) => [row.requestId, row]));
    const at = "2026-03-02T14:00:00.000Z";
    const topUpHash = h.runtime.amounts.get("top-up")!.formula.hash;
    for (const answered of [first, second]) {
      expect(byId.get(answered.requestId)).toMatchObject({
        endpoint: "top-up",
        formulaHash: topUpHash,
        raw: 60_000,
        clamped: 60_000,
        outcome: "ok",
        errorCode: undefined,
        inputs: {
          checking: { status: "ok", cents: 90_000, at },
          savings: { status: "ok", cents: 500_000, at },
        },
      });
    }
    expect(byId.get(zero.requestId)).toMatchObject({
      raw: undefined,
      clamped: 0,
      outcome: "zero_stale",
      errorCode: "balance_unavailable",
      inputs: { savings: { status: "unavailable", reason: "timeout", at } },
    });
    expect(byId.get(rejected.requestId)).toMatchObject({
      endpoint: "strict",
      formulaHash: h.runtime.amounts.get("strict")!.formula.hash,
      raw: undefined,
      clamped: undefined,
      outcome: "rejected",
      errorCode: "balance_unavailable",
    });
  });
});
