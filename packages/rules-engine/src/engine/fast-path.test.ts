import { describe, expect, it } from "vitest";
import {
  type BalanceReading,
  stepThreshold,
  THRESHOLD_DISARM_CAUSES,
  THRESHOLD_IGNORE_REASONS,
  type ThresholdDefinition,
  type ThresholdState,
} from "../threshold/index.js";
import { at, configOf, roundTrip } from "./engine-test-kit.js";
import { evaluate } from "./evaluate.js";
import { createHotTables } from "./hot-tables.js";
import { compileRuntime } from "./runtime.js";
import { quickThresholdStep } from "./threshold-fast-path.js";
import type { StoredTriggerState } from "./types.js";

/** mulberry32, seeded: the same cases on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.parse("2026-03-07T13:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("quickThresholdStep", () => {
  it("returns exactly what stepThreshold returns, with no event, whenever it answers (20 000 random cases)", () => {
    const random = prng(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let answered = 0;
    let rebuilt = 0;
    for (let n = 0; n < 20_000; n++) {
      const direction = pick(["below", "above"] as const);
      const level = 50_000;
      const rearm = direction === "below" ? level + pick([0, 10_000]) : level - pick([0, 10_000]);
      const definition: ThresholdDefinition = {
        direction,
        level,
        rearm,
        forMs: pick([0, 60_000, 900_000]),
        ...(random() < 0.5 ? { cooldownMs: pick([60_000, 3_600_000]) } : {}),
        onStartup: pick(["requireCrossing", "evaluate"] as const),
        staleAfterMs: 1_200_000,
      };
      const nowMs = T0 + Math.floor(random() * 7_200_000);
      const lastReadingMs = nowMs - Math.floor(random() * 2_400_000);
      const common = {
        lastFiredAt: random() < 0.5 ? null : iso(nowMs - Math.floor(random() * 7_200_000)),
        lastReadingAt: random() < 0.1 ? null : iso(lastReadingMs),
        ignoring: random() < 0.8 ? null : pick(THRESHOLD_IGNORE_REASONS),
      };
      const state: ThresholdState = pick([
        { ...common, phase: "unknown" as const },
        { ...common, phase: "armed" as const },
        {
          ...common,
          phase: "pending" as const,
          since: iso(nowMs - Math.floor(random() * 1_800_000)),
          suppressed: random() < 0.3,
        },
        {
          ...common,
          phase: "disarmed" as const,
          cause: pick(THRESHOLD_DISARM_CAUSES),
          lastFiredAt: common.lastFiredAt ?? iso(nowMs - 60_000),
        },
      ]);
      const readingAt = pick([
        lastReadingMs,
        lastReadingMs + 30_000,
        lastReadingMs - 30_000,
        nowMs - 1_300_000,
      ]);
      const reading: BalanceReading | undefined = pick([
        undefined,
        { status: "unavailable", reason: "HTTP 503", at: new Date(readingAt) },
        {
          status: "ok",
          cents: level + pick([-20_000, -10_000, -1, 0, 1, 5_000, 10_000, 20_000]),
          at: new Date(readingAt),
        },
        { status: "ok", cents: level - 1, at: new Date(readingAt) },
      ]);
      const tables = createHotTables([
        { id: "t", definitionHash: "h", threshold: { account: "a", definition } },
      ]);
      const quick = quickThresholdStep(tables, 0, state, reading, nowMs, definition.staleAfterMs);
      if (quick === undefined) continue;
      answered++;
      if (quick !== state) rebuilt++;
      const step = stepThreshold(definition, state, reading, new Date(nowMs));
      expect(step.events).toEqual([]);
      expect(quick).toEqual(step.state);
      // The tables describe what was returned.
      expect(tables.state[0]).toBe(quick);
    }
    // Both branches (state kept, state rebuilt with the new reading's time) must be exercised.
    expect(answered).toBeGreaterThan(400);
    expect(rebuilt).toBeGreaterThan(100);
  });
});

describe("evaluate's fast paths", () => {
  const config = configOf(`triggers:
  low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $600, for: 10m, cooldown: 1h }
    maxPerDay: 3
  high:
    rule: sweep
    threshold: { account: savings, above: $5_000, rearmBelow: $4_500 }
    when: balance(checking) > $100
  quarter-hourly:
    rule: sweep
    schedule: { cron: "*/15 * * * *" }
    when: balance(savings) > $1_000
  daily:
    rule: top-up
    schedule: { cron: "0 9 * * *" }
    catchUp: { policy: latest, within: 2h }
`);

  it("give the same decisions and states as evaluating from the store's JSON every time", () => {
    const random = prng(11);
    const fast = compileRuntime(config);
    const plain = compileRuntime(config);
    let fastStates: ReadonlyMap<string, StoredTriggerState> = new Map();
    let plainStates: ReadonlyMap<string, StoredTriggerState> = new Map();
    const balances = new Map<string, BalanceReading>();
    let nowMs = at("2026-03-07T06:00:00-05:00").getTime();
    let fires = 0;
    for (let n = 0; n < 3_000; n++) {
      nowMs += Math.floor(random() * 120_000);
      if (random() < 0.3) {
        // A poll: new readings, drifting around the levels; now and then a failed read.
        const drift = (alias: string, around: number) => {
          const previous = balances.get(alias);
          const cents = previous?.status === "ok" ? previous.cents : around;
          balances.set(
            alias,
            random() < 0.05
              ? { status: "unavailable", reason: "HTTP 503", at: new Date(nowMs) }
              : { status: "ok", cents: cents + Math.floor(random() * 20_001) - 10_000, at: new Date(nowMs) },
          );
        };
        drift("checking", 50_000);
        drift("savings", 500_000);
      }
      const now = new Date(nowMs);
      const firedLast24h = new Map<string, number>();
      const a = evaluate({ runtime: fast, states: fastStates, balances, now, firedLast24h });
      const b = evaluate({ runtime: plain, states: plainStates, balances, now, firedLast24h });
      expect(a.intents).toEqual(b.intents);
      expect(a.decisions).toEqual(b.decisions);
      expect(a.changed).toEqual(b.changed);
      expect(JSON.stringify([...a.states])).toBe(JSON.stringify([...b.states]));
      fires += a.intents.length;
      fastStates = a.states;
      // The plain side reads states through the store's format every time: no fast path applies.
      plainStates = roundTrip(b.states);
    }
    expect(fires).toBeGreaterThan(50);
  });
});
