import { describe, expect, it } from "vitest";
import { at, configOf, ok } from "../engine/engine-test-kit.js";
import { buildPlan } from "./build-plan.js";
import { parsePlanBalances } from "./plan-balances.js";

const config = configOf(`triggers:
  early:
    rule: sweep
    schedule: { cron: "30 1 * * *" }
  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800, onStartup: evaluate }
    when: balance(savings) > $1_000
    maxPerDay: 1
`);

describe("buildPlan", () => {
  it("marks a fixed time in the repeated hour as the first of the two", () => {
    const plan = buildPlan(config, { from: at("2026-10-31T12:00:00Z"), count: 2, balances: new Map() });
    expect(plan.schedules[0]?.occurrences).toEqual([
      {
        utc: "2026-11-01T05:30:00.000Z",
        local: "2026-11-01T01:30:00-04:00",
        dstTransitionDay: true,
        repeatedWallTime: "first",
        wallTime: "2026-11-01T01:30:00",
      },
      {
        utc: "2026-11-02T06:30:00.000Z",
        local: "2026-11-02T01:30:00-05:00",
        dstTransitionDay: false,
        wallTime: "2026-11-02T01:30:00",
      },
    ]);
  });

  it("reports a threshold fire a guard would block, with the reason", () => {
    const from = at("2026-03-07T09:00:00-05:00");
    const balances = new Map([
      ["checking", ok(40_000, from)],
      ["savings", ok(50_000, from)],
    ]);
    expect(buildPlan(config, { from, count: 1, balances }).thresholds).toMatchObject([
      {
        trigger: "checking-low",
        balance: 40_000,
        reading: "fresh",
        past: true,
        wouldFire: false,
        blocked: { reason: "condition_false", detail: "when is false: balance(savings) > $1_000" },
      },
    ]);
  });
});

describe("parsePlanBalances", () => {
  const options = { accounts: ["checking", "savings"], at: at("2026-03-07T14:00:00Z") };

  it("reads money strings, integer cents and unavailable, all read at the given instant", () => {
    expect(parsePlanBalances({ checking: "$1_500.25", savings: "unavailable" }, options)).toEqual({
      ok: true,
      balances: new Map([
        ["checking", { status: "ok", cents: 150_025, at: options.at }],
        ["savings", { status: "unavailable", reason: "unavailable in the balances file", at: options.at }],
      ]),
    });
    expect(parsePlanBalances({ checking: 42 }, options)).toMatchObject({ ok: true });
  });

  it("collects every problem", () => {
    expect(parsePlanBalances([1], options)).toMatchObject({
      ok: false,
      problems: [expect.stringContaining("JSON object")],
    });
    expect(parsePlanBalances({ savngs: 1, checking: 1.5 }, options)).toEqual({
      ok: false,
      problems: [
        'unknown account "savngs" (did you mean "savings"?)',
        expect.stringContaining("1.5 is not a whole number of cents"),
      ],
    });
  });
});
