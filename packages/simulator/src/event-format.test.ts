import { describe, expect, it } from "vitest";
import { formatEvent } from "./event-format.js";
import type { SimEvent } from "./events.js";

const at = { seq: 1, at: "2026-03-01T12:00:00.000Z" };

describe("formatEvent", () => {
  it("prints one readable line per event", () => {
    const events: SimEvent[] = [
      {
        ...at,
        type: "trigger",
        ruleId: "ru_topup",
        idempotencyKey: "k1",
        requestId: "req-1",
        outcome: "executed",
        status: 200,
        path: "/remote-api/rules/ru_topup/trigger",
        body: "{}",
      },
      {
        ...at,
        type: "trigger",
        ruleId: "ru_topup",
        idempotencyKey: null,
        requestId: null,
        outcome: "rate_limited",
        status: 429,
        path: "/rules/ru_topup/trigger",
        body: "",
        retryAfterSeconds: 30,
      },
      {
        ...at,
        type: "accounts",
        outcome: "fault",
        status: null,
        requestId: null,
        accountIds: [],
        fault: "reset",
      },
      {
        ...at,
        type: "amount_request",
        ruleId: "ru_topup",
        executionId: "ex",
        actionIndex: 0,
        url: "http://127.0.0.1:8787/amount/top-up?token=<secret>",
        method: "POST",
        body: "empty",
        signature: false,
        attempt: 1,
        status: 200,
        amountInCents: 120_000,
        error: null,
        durationMs: 3,
      },
      {
        ...at,
        type: "transfer",
        ruleId: "ru_topup",
        executionId: "ex",
        actionIndex: 0,
        transferId: "t",
        from: "sav",
        to: "chk",
        amountInCents: 5000,
        requestedInCents: 120_000,
        fromBalanceInCents: 0,
        toBalanceInCents: 10_000,
      },
      { ...at, type: "drift", account: "chk", byInCents: -15_000, steps: 1, balanceInCents: 235_000 },
    ];
    expect(events.map(formatEvent)).toEqual([
      "2026-03-01T12:00:00.000Z trigger ru_topup → 200 executed key=k1 request=req-1",
      "2026-03-01T12:00:00.000Z trigger ru_topup → 429 rate_limited retry-after=30s",
      "2026-03-01T12:00:00.000Z accounts → reset fault fault=reset",
      "2026-03-01T12:00:00.000Z amount ru_topup#0 POST http://127.0.0.1:8787/amount/top-up?token=<secret> → 200 $1,200.00",
      "2026-03-01T12:00:00.000Z transfer ru_topup#0 $50.00 sav → chk of $1,200.00 asked balances $0.00 / $100.00",
      "2026-03-01T12:00:00.000Z drift chk -$150.00 → $2,350.00",
    ]);
  });
});
