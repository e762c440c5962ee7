/**
 * Decision-engine benchmark: one `evaluate` cycle over 10 000 accounts, 1 000 threshold
 * triggers and 1 000 schedule triggers, against a minimal hand-written loop making the same
 * decisions on the same inputs in the same process.
 *
 *   node --import tsx bench/engine/run.ts     writes bench/results/engine.json
 *
 * Two kinds of cycle, as the daemon runs them: a "poll" cycle right after a balance poll
 * (every reading is new; balances drift, so a few thresholds change phase) and "tick" cycles
 * between polls (the readings are unchanged; every 10 s of fake time, so a schedule is now and
 * then due). Each
 * round is one poll cycle then 30 ticks, for the engine and for the baseline on identical
 * inputs; both count their fires and the counts must match, so neither side can skip work.
 * The medians of the rounds after warm-up are reported.
 */
import {
  compileRuntime,
  evaluate,
  loadConfig,
  type NextTriggerState,
  type StoredTriggerState,
} from "../../packages/rules-engine/src/index.js";
import { printTable, spread, writeResult } from "../lib/results.js";
import { createBaseline } from "./baseline.js";
import { ACCOUNTS, configYaml, createBalanceWalk, prng, SCHEDULES, THRESHOLDS } from "./fixture.js";

const WARMUP_ROUNDS = 4;
const ROUNDS = 15;
const TICKS_PER_ROUND = 30;
const TICK_MS = 10_000;
const GOAL_RATIO = 3;
const TRIGGERS = THRESHOLDS + SCHEDULES;

const loadStarted = performance.now();
const loaded = loadConfig([{ path: "bench.yaml", text: configYaml() }], {
  now: new Date("2026-06-01T00:00:00Z"),
});
if (!loaded.ok) throw new Error(loaded.issues.map((issue) => issue.message).join("\n"));
const loadMs = performance.now() - loadStarted;
const compileStarted = performance.now();
const runtime = compileRuntime(loaded.config);
const compileMs = performance.now() - compileStarted;

const start = new Date("2026-06-02T12:00:00Z").getTime();
const baseline = createBaseline(runtime, start);
let states: ReadonlyMap<string, StoredTriggerState> = new Map();
const noFires = new Map<string, number>();

const poll = createBalanceWalk(prng(20260601));
function engineCycle(balances: ReturnType<typeof poll>, nowMs: number): number {
  const result = evaluate({ runtime, states, balances, now: new Date(nowMs), firedLast24h: noFires });
  states = result.states as ReadonlyMap<string, NextTriggerState>;
  return result.intents.length;
}

// The first evaluation starts every trigger (schedules at now, thresholds from unknown).
let clock = start;
const first = poll(new Date(clock - 1_000));
if (engineCycle(first, clock) !== baseline.cycle(first, clock))
  throw new Error("first cycle: fire counts differ");

interface Round {
  pollEngine: number;
  pollBaseline: number;
  tickEngine: number;
  tickBaseline: number;
  fires: number;
}

/** Times both sides on one input; who goes first alternates, so neither always finds the caches warm. */
function pair(balances: ReturnType<typeof poll>, nowMs: number, engineFirst: boolean) {
  const timed = (run: () => number) => {
    const start = process.hrtime.bigint();
    const fires = run();
    return { fires, ns: process.hrtime.bigint() - start };
  };
  const runEngine = () => timed(() => engineCycle(balances, nowMs));
  const runBaseline = () => timed(() => baseline.cycle(balances, nowMs));
  let engine: ReturnType<typeof timed>;
  let hand: ReturnType<typeof timed>;
  if (engineFirst) {
    engine = runEngine();
    hand = runBaseline();
  } else {
    hand = runBaseline();
    engine = runEngine();
  }
  if (engine.fires !== hand.fires) {
    throw new Error(`${new Date(nowMs).toISOString()}: ${engine.fires} fires vs ${hand.fires}`);
  }
  return { engine: engine.ns, baseline: hand.ns, fires: engine.fires };
}

let roundNumber = 0;
function round(): Round {
  const engineFirst = roundNumber++ % 2 === 0;
  clock += TICK_MS;
  const balances = poll(new Date(clock - 1_000));
  const polled = pair(balances, clock, engineFirst);
  let fires = polled.fires;
  let tickEngine = 0n;
  let tickBaseline = 0n;
  for (let tick = 0; tick < TICKS_PER_ROUND; tick++) {
    clock += TICK_MS;
    const ticked = pair(balances, clock, tick % 2 === 0);
    fires += ticked.fires;
    tickEngine += ticked.engine;
    tickBaseline += ticked.baseline;
  }
  const micros = (ns: bigint, count = 1) => Number(ns) / 1_000 / count;
  return {
    pollEngine: micros(polled.engine),
    pollBaseline: micros(polled.baseline),
    tickEngine: micros(tickEngine, TICKS_PER_ROUND),
    tickBaseline: micros(tickBaseline, TICKS_PER_ROUND),
    fires,
  };
}

for (let i = 0; i < WARMUP_ROUNDS; i++) round();
const rounds = Array.from({ length: ROUNDS }, round);

const pick = (key: keyof Round) => spread(rounds.map((r) => r[key]));
const pollEngine = pick("pollEngine");
const pollBaseline = pick("pollBaseline");
const tickEngine = pick("tickEngine");
const tickBaseline = pick("tickBaseline");
// The daemon polls every 5 minutes and ticks about every 10 s: 1 poll cycle per 30 ticks.
const mixEngine = (pollEngine.median + TICKS_PER_ROUND * tickEngine.median) / (TICKS_PER_ROUND + 1);
const mixBaseline = (pollBaseline.median + TICKS_PER_ROUND * tickBaseline.median) / (TICKS_PER_ROUND + 1);
const round2 = (value: number) => Math.round(value * 100) / 100;
const ratio = (a: number, b: number) => round2(a / b);
const nsPerTrigger = (micros: number) => round2((micros * 1_000) / TRIGGERS);

printTable([
  ["cycle", "baseline µs", "seqd µs", "ratio", "seqd ns/trigger"],
  [
    "poll",
    pollBaseline.median.toFixed(1),
    pollEngine.median.toFixed(1),
    ratio(pollEngine.median, pollBaseline.median).toFixed(2),
    nsPerTrigger(pollEngine.median).toFixed(1),
  ],
  [
    "tick",
    tickBaseline.median.toFixed(1),
    tickEngine.median.toFixed(1),
    ratio(tickEngine.median, tickBaseline.median).toFixed(2),
    nsPerTrigger(tickEngine.median).toFixed(1),
  ],
  [
    "mix 1:30",
    mixBaseline.toFixed(1),
    mixEngine.toFixed(1),
    ratio(mixEngine, mixBaseline).toFixed(2),
    nsPerTrigger(mixEngine).toFixed(1),
  ],
]);
console.log(
  `config load ${loadMs.toFixed(0)} ms, compileRuntime ${compileMs.toFixed(1)} ms, fires per round ${rounds.map((r) => r.fires).join(" ")}`,
);

const mixRatio = ratio(mixEngine, mixBaseline);
const result = writeResult({
  suite: "engine",
  unit: "µs per decision cycle at the daemon's cadence: 1 poll cycle per 30 ticks (medians over rounds)",
  baseline: round2(mixBaseline),
  seqd: round2(mixEngine),
  ratio: mixRatio,
  goal: GOAL_RATIO,
  met: mixRatio <= GOAL_RATIO,
  details: {
    accounts: ACCOUNTS,
    thresholdTriggers: THRESHOLDS,
    scheduleTriggers: SCHEDULES,
    rounds: ROUNDS,
    warmupRounds: WARMUP_ROUNDS,
    ticksPerRound: TICKS_PER_ROUND,
    method:
      "each round: one poll cycle (every reading new, balances drifting ±$15 around their levels) then 30 ticks of 10 s fake time with unchanged readings; engine and hand-written baseline on identical inputs, which goes first alternating, fire counts required equal; medians over rounds after warm-up; the headline weighs poll and tick cycles 1:30 as the daemon runs them (5 min polls, 10 s ticks)",
    poll: {
      baselineMicros: pollBaseline,
      seqdMicros: pollEngine,
      ratio: ratio(pollEngine.median, pollBaseline.median),
      seqdNsPerTrigger: nsPerTrigger(pollEngine.median),
    },
    tick: {
      baselineMicros: tickBaseline,
      seqdMicros: tickEngine,
      ratio: ratio(tickEngine.median, tickBaseline.median),
      seqdNsPerTrigger: nsPerTrigger(tickEngine.median),
    },
    mix: {
      baselineMicros: round2(mixBaseline),
      seqdMicros: round2(mixEngine),
      ratio: ratio(mixEngine, mixBaseline),
    },
    configLoadMs: Math.round(loadMs),
    compileRuntimeMs: round2(compileMs),
  },
});
console.log(
  `ratio ${result.ratio} at the daemon's cadence (goal ≤ ${GOAL_RATIO}): ${result.met ? "met" : "NOT met"}`,
);
