import { describe, expect, it } from "vitest";
import { initialThresholdState } from "./state.js";
import { stepThreshold } from "./step.js";
import { MINUTE, T0 } from "./threshold-test-kit.js";
import type {
  BalanceReading,
  ThresholdDefinition,
  ThresholdEvent,
  ThresholdPhase,
  ThresholdState,
} from "./types.js";

/** mulberry32: a tiny seeded PRNG, so every failure names a seed that reproduces it. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomDefinition(random: () => number): ThresholdDefinition {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)] as T;
  const direction = pick(["below", "above"] as const);
  const level = 50_000;
  const gap = pick([0, 0, 5_000, 30_000]);
  const cooldownMs = pick([undefined, 0, 30 * MINUTE, 120 * MINUTE]);
  return {
    direction,
    level,
    rearm: direction === "below" ? level + gap : level - gap,
    forMs: pick([0, 0, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE]),
    onStartup: pick(["requireCrossing", "evaluate"] as const),
    staleAfterMs: pick([10 * MINUTE, 20 * MINUTE]),
    ...(cooldownMs === undefined ? {} : { cooldownMs }),
  };
}

interface Evaluation {
  readonly nowMs: number;
  readonly reading: BalanceReading | undefined;
  /** Decided by the test from the spec, independently of the reducer. */
  readonly usable: boolean;
  readonly events: readonly ThresholdEvent[];
  readonly phaseAfter: ThresholdPhase;
}

/** Legal phase changes: the phase each event type starts from. Annotations keep the phase. */
const FROM: Record<ThresholdEvent["type"], readonly ThresholdPhase[] | "annotation"> = {
  armed: ["unknown"],
  pending: ["unknown", "armed"],
  hold_cancelled: ["pending"],
  fired: ["pending"],
  disarmed: ["unknown"],
  rearmed: ["disarmed"],
  reset: ["unknown", "armed", "pending", "disarmed"],
  suppressed: "annotation",
  ignored: "annotation",
  startup_past_threshold: "annotation",
};

/** Generates one random run the way the daemon would see it: reads, failures, ticks, late and stale answers. */
function simulate(seed: number, steps: number) {
  const random = prng(seed);
  const definition = randomDefinition(random);
  let state: ThresholdState = initialThresholdState();
  let twin: ThresholdState = initialThresholdState();
  let latest: BalanceReading | undefined;
  let newestAtMs = Number.NEGATIVE_INFINITY;
  let nowMs = T0.getTime();
  let balance = 50_000 + Math.round((random() - 0.5) * 20_000);
  const evaluations: Evaluation[] = [];
  const twinMismatches: number[] = [];

  for (let index = 0; index < steps; index += 1) {
    // Whole minutes, sometimes ±1 ms, so the exact `for`/stale/cooldown boundaries are hit often.
    nowMs += Math.max(0, Math.floor(random() * 10) * MINUTE + [0, 0, 0, 1, -1][Math.floor(random() * 5)]!);
    balance += Math.round((random() - 0.5) * 12_000);
    const roll = random();
    if (roll < 0.45) latest = { status: "ok", cents: balance, at: new Date(nowMs) };
    else if (roll < 0.6) latest = { status: "unavailable", reason: "HTTP 503", at: new Date(nowMs) };
    else if (roll < 0.65) latest = { status: "ok", cents: balance, at: new Date(nowMs - 40 * MINUTE) };
    else if (roll < 0.7)
      latest = { status: "ok", cents: balance, at: new Date(newestAtMs - 1 - random() * MINUTE) };
    else if (roll < 0.73) latest = undefined;
    const atMs = latest?.at.getTime() ?? Number.NaN;
    const inOrder = latest !== undefined && atMs >= newestAtMs;
    const usable = inOrder && latest?.status === "ok" && nowMs - atMs <= definition.staleAfterMs;
    if (inOrder) newestAtMs = atMs;

    const result = stepThreshold(definition, state, latest, new Date(nowMs));
    state = result.state;
    const twinResult = stepThreshold(definition, twin, latest, new Date(nowMs));
    twin = JSON.parse(JSON.stringify(twinResult.state));
    if (JSON.stringify(twinResult.events) !== JSON.stringify(result.events)) twinMismatches.push(index);
    evaluations.push({ nowMs, reading: latest, usable, events: result.events, phaseAfter: state.phase });
  }
  return { definition, evaluations, twinMismatches };
}

const past = (definition: ThresholdDefinition, cents: number) =>
  definition.direction === "below" ? cents < definition.level : cents > definition.level;
const rearmed = (definition: ThresholdDefinition, cents: number) =>
  definition.direction === "below" ? cents >= definition.rearm : cents <= definition.rearm;
const centsOf = (evaluation: Evaluation) =>
  evaluation.reading?.status === "ok" ? evaluation.reading.cents : Number.NaN;

describe("stepThreshold invariants over random reading sequences", () => {
  const SEEDS = 400;
  const STEPS = 250;
  const runs = Array.from({ length: SEEDS }, (_, seed) => ({ seed, ...simulate(seed + 1, STEPS) }));

  it("the generator exercises fires, suppressions, cancellations and every ignore reason", () => {
    const seen = new Set(
      runs.flatMap((run) =>
        run.evaluations.flatMap((e) =>
          e.events.map((event) => (event.type === "ignored" ? event.reason : event.type)),
        ),
      ),
    );
    const kinds = [...seen];
    for (const expected of [
      "fired",
      "suppressed",
      "hold_cancelled",
      "rearmed",
      "disarmed",
      "stale",
      "unavailable",
    ]) {
      expect(kinds, expected).toContain(expected);
    }
    for (const expected of ["out_of_order", "no_reading", "startup_past_threshold"])
      expect(kinds).toContain(expected);
  });

  it("holds every invariant", () => {
    let fires = 0;
    for (const { seed, definition, evaluations, twinMismatches } of runs) {
      const where = (index: number) => `seed ${seed + 1}, step ${index}, ${JSON.stringify(definition)}`;
      expect(twinMismatches, `seed ${seed + 1}: a JSON round trip changed behaviour`).toEqual([]);
      let lastFire: { index: number; nowMs: number } | null = null;
      let safeSeenSinceFire = false;
      let rearmSeenSinceFire = false;
      let suppressedThisHold = 0;
      let lastIgnored: string | null = null;
      let phase: ThresholdPhase = "unknown";
      let lastSafeIndex = -1;
      evaluations.forEach((evaluation, index) => {
        const cents = centsOf(evaluation);
        for (const event of evaluation.events) {
          const from = FROM[event.type];
          if (from === "annotation") {
            if (event.type !== "startup_past_threshold") expect(event.phase, where(index)).toBe(phase);
            else expect(phase, where(index)).toBe("unknown");
          } else {
            expect(from, `${where(index)}: ${event.type} from ${phase}`).toContain(phase);
            phase = event.phase;
          }
          if (event.type === "pending") suppressedThisHold = 0;
          if (event.type === "suppressed") {
            suppressedThisHold += 1;
            expect(suppressedThisHold, `${where(index)}: suppressed twice in one hold`).toBe(1);
          }
          if (event.type === "ignored") {
            expect(evaluation.usable, where(index)).toBe(false);
            expect(event.reason, `${where(index)}: the same outage reported twice`).not.toBe(lastIgnored);
            lastIgnored = event.reason;
          }
          if (event.type !== "fired") continue;
          fires += 1;
          // Never on a non-usable reading, and only while past.
          expect(evaluation.usable, `${where(index)}: fired on a non-usable reading`).toBe(true);
          expect(past(definition, cents), `${where(index)}: fired while not past`).toBe(true);
          // Never twice without a re-arm; the first fire needs a crossing unless onStartup is evaluate.
          if (lastFire !== null)
            expect(rearmSeenSinceFire, `${where(index)}: fired twice without re-arm`).toBe(true);
          else if (definition.onStartup === "requireCrossing")
            expect(safeSeenSinceFire, where(index)).toBe(true);
          // Never within the cooldown.
          if (lastFire !== null && definition.cooldownMs !== undefined) {
            expect(
              evaluation.nowMs - lastFire.nowMs,
              `${where(index)}: inside cooldown`,
            ).toBeGreaterThanOrEqual(definition.cooldownMs);
          }
          // Preceded by a hold ≥ for, counted from the first usable reading after the last safe one.
          const sinceMs = Date.parse(event.since);
          expect(evaluation.nowMs - sinceMs, `${where(index)}: hold shorter than for`).toBeGreaterThanOrEqual(
            definition.forMs,
          );
          const crossing = evaluations.find((e, i) => i > lastSafeIndex && e.usable);
          expect(crossing?.reading?.at.getTime(), `${where(index)}: hold not from the crossing`).toBe(
            sinceMs,
          );
          lastFire = { index, nowMs: evaluation.nowMs };
          safeSeenSinceFire = false;
          rearmSeenSinceFire = false;
        }
        expect(evaluation.phaseAfter, `${where(index)}: state and events disagree`).toBe(phase);
        if (evaluation.usable) {
          lastIgnored = null;
          if (!past(definition, cents)) {
            safeSeenSinceFire = true;
            lastSafeIndex = index;
          }
          if (rearmed(definition, cents)) rearmSeenSinceFire = true;
        }
      });
    }
    // Guard against a generator that stopped producing fires, which would make the loop above vacuous.
    expect(fires).toBeGreaterThan(SEEDS);
  }, 60_000); // thousands of assertions; generous so a loaded CI machine cannot time it out
});
