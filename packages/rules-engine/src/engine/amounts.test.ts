import { describe, expect, it } from "vitest";
import type { BalanceReading } from "../threshold/index.js";
import { clampAmount, evaluateAmount } from "./amounts.js";
import { loadReading } from "./balances.js";
import { at, failed, ok, runtimeOf } from "./engine-test-kit.js";

const config = `amounts:
  top-up:
    path: /amount/top-up
    token: { env: A }
    formula: clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0))
    min: $1
    max: $1_000
  strict:
    path: /amount/strict
    token: { env: B }
    formula: balance(checking) - $100
    max: $50
    onStale: reject
  weekday:
    path: /amount/weekday
    token: { env: C }
    formula: "day_of_week == 1 ? $10 : $0"
    max: $10
`;
const now = at("2026-03-09T12:00:00-04:00"); // a Monday
const fresh = (checking: number, savings = 500_000) =>
  new Map<string, BalanceReading>([
    ["checking", ok(checking, now)],
    ["savings", ok(savings, now)],
  ]);

describe("clampAmount", () => {
  it.each([
    // raw, min, max, answer
    [120_000, 100, 100_000, 100_000], // capped by max
    [50, 100, 100_000, 0], // a positive amount under min becomes 0
    [100, 100, 100_000, 100], // exactly min is kept
    [0, 100, 100_000, 0],
    [5_000, 100, undefined, 5_000], // no max
  ] as const)("raw %i, min %i, max %s → %i", (raw, min, max, answer) => {
    expect(clampAmount(raw, { min, max })).toBe(answer);
  });
});

describe("evaluateAmount", () => {
  const runtime = runtimeOf(config);

  it("answers the clamped amount with the raw result and the inputs it read", () => {
    expect(evaluateAmount(runtime, "top-up", fresh(20_000), now)).toEqual({
      ok: true,
      raw: 130_000,
      cents: 100_000,
      inputs: {
        checking: { status: "ok", cents: 20_000, at: now.toISOString() },
        savings: { status: "ok", cents: 500_000, at: now.toISOString() },
      },
    });
    expect(evaluateAmount(runtime, "top-up", fresh(149_950), now)).toMatchObject({
      ok: true,
      raw: 50,
      cents: 0,
    });
  });

  it("a stale or failed balance is an error answered per onStale, never a zero balance", () => {
    const stale = new Map<string, BalanceReading>([
      ["checking", ok(20_000, new Date(now.getTime() - 21 * 60_000))],
      ["savings", ok(500_000, now)],
    ]);
    expect(evaluateAmount(runtime, "top-up", stale, now)).toMatchObject({
      ok: false,
      code: "balance_unavailable",
      onStale: "zero",
      inputs: { checking: { status: "stale", cents: 20_000 } },
    });
    const broken = new Map<string, BalanceReading>([["checking", failed(now, "HTTP 503")]]);
    expect(evaluateAmount(runtime, "strict", broken, now)).toEqual({
      ok: false,
      code: "balance_unavailable",
      message: expect.stringContaining("checking"),
      onStale: "reject",
      inputs: { checking: { status: "unavailable", reason: "HTTP 503", at: now.toISOString() } },
    });
    expect(evaluateAmount(runtime, "strict", new Map(), now)).toMatchObject({
      ok: false,
      inputs: { checking: { status: "missing" } },
    });
  });

  it("a negative result is an error, answered per onStale", () => {
    expect(evaluateAmount(runtime, "strict", fresh(5_000), now)).toMatchObject({
      ok: false,
      code: "negative_amount",
      onStale: "reject",
    });
  });

  it("reads calendar values in the config's zone", () => {
    expect(evaluateAmount(runtime, "weekday", new Map(), now)).toMatchObject({ ok: true, cents: 1_000 });
    const sunday = at("2026-03-08T12:00:00-04:00");
    expect(evaluateAmount(runtime, "weekday", new Map(), sunday)).toMatchObject({ ok: true, cents: 0 });
  });

  it("no result depends on what an earlier evaluation left in the shared environment", () => {
    expect(evaluateAmount(runtime, "top-up", fresh(20_000), now)).toMatchObject({ ok: true });
    expect(evaluateAmount(runtime, "top-up", new Map(), now)).toMatchObject({
      ok: false,
      code: "balance_unavailable",
    });
  });

  it("an unknown endpoint is refused", () => {
    expect(evaluateAmount(runtime, "nope", new Map(), now)).toMatchObject({
      ok: false,
      code: "unknown_endpoint",
    });
  });

  it("the hot-path pieces give the same answer without allocating a result", () => {
    const endpoint = runtime.amounts.get("top-up")!;
    for (const alias of endpoint.formula.aliases)
      loadReading(runtime, alias, fresh(20_000).get(alias), now.getTime());
    expect(clampAmount(endpoint.formula.run(), endpoint)).toBe(100_000);
  });
});
