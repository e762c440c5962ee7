import { describe, expect, it } from "vitest";
import type { BalanceReading } from "../threshold/index.js";
import { at, createLoop, failed, ok, runtimeOf } from "./engine-test-kit.js";
import { evaluate } from "./evaluate.js";
import { idempotencyKey } from "./idempotency-key.js";
import type { StoredTriggerState } from "./types.js";

const low = (extra = "", threshold = "") => `triggers:
  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800${threshold} }
${extra}`;

const T = (minutes: number) => new Date(at("2026-03-07T08:00:00-05:00").getTime() + minutes * 60_000);
const readings = (entries: Record<string, BalanceReading>) => new Map(Object.entries(entries));
const none = new Map();

describe("threshold triggers", () => {
  it("a crossing fires occurrence crossing:<since> and disarms", () => {
    const loop = createLoop(runtimeOf(low()));
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    const result = loop.step(T(5), readings({ checking: ok(45_000, T(5)) }));
    const occurrence = `crossing:${T(5).toISOString()}`;
    expect(result.intents).toEqual([
      {
        triggerId: "checking-low",
        ruleId: "top-up",
        occurrence,
        idempotencyKey: idempotencyKey("checking-low", occurrence),
        cause: { kind: "threshold", since: T(5).toISOString(), heldMs: 0, cents: 45_000 },
      },
    ]);
    expect(result.states.get("checking-low")).toMatchObject({ state: { phase: "disarmed", cause: "fired" } });
    expect(result.events.map((e) => e.type === "threshold" && e.event.type)).toEqual(["pending", "fired"]);
    expect(result.changed).toEqual(["checking-low"]);
  });

  it("an evaluation that changes nothing hands back the stored state object and reports no change", () => {
    const loop = createLoop(runtimeOf(low()));
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    const stored = loop.states.get("checking-low")!;
    const result = loop.step(T(1), readings({ checking: ok(90_000, T(0)) }));
    expect(result.states.get("checking-low")?.state).toBe(stored.state);
    expect(result.changed).toEqual([]);
    // A new reading changes lastReadingAt: that is a change to persist.
    expect(loop.step(T(5), readings({ checking: ok(90_000, T(5)) })).changed).toEqual(["checking-low"]);
  });

  it("a hold survives a restart through the store format and completes on time", () => {
    const loop = createLoop(runtimeOf(low("", ", for: 15m")));
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    loop.step(T(5), readings({ checking: ok(45_000, T(5)) }));
    expect(loop.states.get("checking-low")?.state).toMatchObject({
      phase: "pending",
      since: T(5).toISOString(),
    });
    expect(loop.step(T(19), readings({ checking: ok(44_000, T(15)) })).intents).toEqual([]);
    expect(loop.step(T(20), readings({ checking: ok(44_000, T(15)) })).intents).toHaveLength(1);
  });

  it("a changed definition resets the state under onStartup: requireCrossing does not fire on a low balance", () => {
    const before = runtimeOf(low());
    const after = runtimeOf(low("", ", for: 5m"));
    const loop = createLoop(before);
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    const states = loop.states;
    const result = evaluate({
      runtime: after,
      states,
      balances: readings({ checking: ok(40_000, T(10)) }),
      now: T(10),
      firedLast24h: none,
    });
    expect(result.intents).toEqual([]);
    expect(result.events.map((e) => (e.type === "threshold" ? e.event.type : e.type))).toEqual([
      "state_reset",
      "reset",
      "startup_past_threshold",
      "disarmed",
    ]);
    expect(result.states.get("checking-low")).toEqual({
      definitionHash: after.triggers[0]!.definitionHash,
      state: expect.objectContaining({ phase: "disarmed", cause: "startup_past_threshold" }),
    });
  });

  it("a changed definition with onStartup: evaluate treats a low balance as a crossing", () => {
    const before = runtimeOf(low());
    const after = runtimeOf(low("", ", onStartup: evaluate"));
    const loop = createLoop(before);
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    const result = evaluate({
      runtime: after,
      states: loop.states,
      balances: readings({ checking: ok(40_000, T(10)) }),
      now: T(10),
      firedLast24h: none,
    });
    expect(result.intents.map((i) => i.occurrence)).toEqual([`crossing:${T(10).toISOString()}`]);
  });

  it("keeps lastFiredAt across a reset, so an edit cannot open a second transfer inside the cooldown", () => {
    const before = runtimeOf(low("", ", cooldown: 24h"));
    const after = runtimeOf(low("", ", cooldown: 24h, onStartup: evaluate"));
    const loop = createLoop(before);
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    expect(loop.step(T(5), readings({ checking: ok(40_000, T(5)) })).intents).toHaveLength(1);
    const result = evaluate({
      runtime: after,
      states: loop.states,
      balances: readings({ checking: ok(40_000, T(60)) }),
      now: T(60),
      firedLast24h: none,
    });
    expect(result.intents).toEqual([]);
    expect(result.states.get("checking-low")?.state).toMatchObject({ phase: "pending", suppressed: true });
  });

  it("an unreadable stored state starts over, with an event to alert on", () => {
    const runtime = runtimeOf(low());
    const states = new Map<string, StoredTriggerState>([
      ["checking-low", { definitionHash: runtime.triggers[0]!.definitionHash, state: { phase: "armd" } }],
    ]);
    const result = evaluate({
      runtime,
      states,
      balances: readings({ checking: ok(40_000, T(0)) }),
      now: T(0),
      firedLast24h: none,
    });
    expect(result.events[0]).toEqual({
      type: "state_reset",
      triggerId: "checking-low",
      cause: "unreadable_state",
      detail: 'threshold state has an invalid phase: "armd"',
    });
    expect(result.intents).toEqual([]);
  });

  it("a failed read is never a crossing", () => {
    const loop = createLoop(runtimeOf(low()));
    loop.step(T(0), readings({ checking: ok(90_000, T(0)) }));
    const result = loop.step(T(5), readings({ checking: failed(T(5)) }));
    expect(result.intents).toEqual([]);
    expect(result.states.get("checking-low")?.state).toMatchObject({
      phase: "armed",
      ignoring: "unavailable",
    });
  });
});

describe("guards on threshold fires", () => {
  it("a blocked fire is recorded as skipped and alerted; the crossing is consumed until the trigger re-arms", () => {
    const loop = createLoop(runtimeOf(low("    when: balance(savings) > $1_000\n")));
    loop.step(T(0), readings({ checking: ok(90_000, T(0)), savings: ok(50_000, T(0)) }));
    const blocked = loop.step(T(5), readings({ checking: ok(45_000, T(5)), savings: ok(50_000, T(5)) }));
    expect(blocked.intents).toEqual([]);
    expect(blocked.decisions).toEqual([
      expect.objectContaining({
        occurrence: `crossing:${T(5).toISOString()}`,
        status: "skipped",
        reason: "condition_false",
        detail: "when is false: balance(savings) > $1_000",
        alert: true,
      }),
    ]);
    expect(blocked.states.get("checking-low")?.state).toMatchObject({ phase: "disarmed", cause: "fired" });
    // Savings recovers, checking stays low: no fire (disarmed), no second decision.
    const still = loop.step(T(10), readings({ checking: ok(44_000, T(10)), savings: ok(500_000, T(10)) }));
    expect([still.intents, still.decisions]).toEqual([[], []]);
    // Re-armed and crossed again: fires.
    loop.step(T(15), readings({ checking: ok(85_000, T(15)), savings: ok(500_000, T(15)) }));
    const again = loop.step(T(20), readings({ checking: ok(40_000, T(20)), savings: ok(500_000, T(20)) }));
    expect(again.intents.map((i) => i.occurrence)).toEqual([`crossing:${T(20).toISOString()}`]);
  });

  it("when reading a stale balance blocks with condition_stale", () => {
    const loop = createLoop(runtimeOf(low("    when: balance(savings) > $1_000\n")));
    loop.step(T(0), readings({ checking: ok(90_000, T(0)), savings: ok(500_000, T(0)) }));
    const result = loop.step(T(25), readings({ checking: ok(45_000, T(25)), savings: ok(500_000, T(0)) }));
    expect(result.decisions).toMatchObject([
      {
        reason: "condition_stale",
        detail: expect.stringContaining("savings"),
        alert: true,
      },
    ]);
  });

  it("maxPerDay counts the rolling 24 hours, the store's fires and this evaluation's", () => {
    const loop = createLoop(runtimeOf(low("    maxPerDay: 1\n")));
    const cycle = (minutes: number, cents: number) =>
      loop.step(T(minutes), readings({ checking: ok(cents, T(minutes)) }));
    cycle(0, 90_000);
    expect(cycle(5, 40_000).intents).toHaveLength(1);
    cycle(10, 90_000);
    const second = cycle(15, 40_000);
    expect(second.intents).toEqual([]);
    expect(second.decisions).toMatchObject([
      {
        reason: "max_per_day",
        detail: "already fired 1 time in the last 24 hours (maxPerDay: 1)",
        alert: true,
      },
    ]);
    cycle(24 * 60 + 4, 90_000);
    expect(cycle(24 * 60 + 6, 40_000).intents).toHaveLength(1);
  });
});
