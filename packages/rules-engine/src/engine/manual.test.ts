import { describe, expect, it } from "vitest";
import { at, ok, runtimeOf } from "./engine-test-kit.js";
import { idempotencyKey } from "./idempotency-key.js";
import { manualIntent } from "./manual.js";

const config = `triggers:
  payday:
    rule: sweep
    schedule: { cron: "0 9 1,15 * *" }
    when: balance(checking) > $2_000
    maxPerDay: 2
`;
const now = at("2026-03-07T10:15:30.250-05:00");

describe("manualIntent", () => {
  it("fires occurrence manual:<ISO now> when the guards pass", () => {
    const result = manualIntent({
      runtime: runtimeOf(config),
      triggerId: "payday",
      now,
      balances: new Map([["checking", ok(300_000, now)]]),
      firedLast24h: 0,
    });
    expect(result).toEqual({
      kind: "fire",
      intent: {
        triggerId: "payday",
        ruleId: "sweep",
        occurrence: "manual:2026-03-07T15:15:30.250Z",
        idempotencyKey: idempotencyKey("payday", "manual:2026-03-07T15:15:30.250Z"),
        cause: { kind: "manual", requestedAt: now },
      },
    });
  });

  it("goes through when and maxPerDay like any other fire", () => {
    const runtime = runtimeOf(config);
    const poor = manualIntent({
      runtime,
      triggerId: "payday",
      now,
      balances: new Map([["checking", ok(100_000, now)]]),
      firedLast24h: 0,
    });
    expect(poor).toMatchObject({
      kind: "skipped",
      decision: { reason: "condition_false", status: "skipped" },
    });
    const unread = manualIntent({ runtime, triggerId: "payday", now, balances: new Map(), firedLast24h: 0 });
    expect(unread).toMatchObject({ kind: "skipped", decision: { reason: "condition_stale" } });
    const busy = manualIntent({
      runtime,
      triggerId: "payday",
      now,
      balances: new Map([["checking", ok(300_000, now)]]),
      firedLast24h: 2,
    });
    expect(busy).toMatchObject({ kind: "skipped", decision: { reason: "max_per_day", alert: true } });
  });

  it("names an unknown trigger with did-you-mean", () => {
    const result = manualIntent({
      runtime: runtimeOf(config),
      triggerId: "pyday",
      now,
      balances: new Map(),
      firedLast24h: 0,
    });
    expect(result).toEqual({
      kind: "unknown_trigger",
      message: 'unknown trigger "pyday" (did you mean "payday"?)',
    });
  });
});
