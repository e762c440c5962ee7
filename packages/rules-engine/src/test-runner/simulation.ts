import type { Config } from "../config/index.js";
import {
  compileRuntime,
  type DecisionRecord,
  type EvaluateResult,
  evaluate,
  type FiringIntent,
  type NextTriggerState,
  type Runtime,
  type StoredTriggerState,
} from "../engine/index.js";
import { firstOccurrences } from "../schedule/occurrences.js";
import type { BalanceReading } from "../threshold/index.js";

const DAY_MS = 86_400_000;

/** What happened in one evaluation of the simulated daemon. */
export interface SimulatedEvaluation {
  at: Date;
  intents: readonly FiringIntent[];
  decisions: readonly DecisionRecord[];
}

/**
 * A daemon on a fake clock, running the engine exactly as the real one does (states through
 * the store's JSON format between restarts, fires counted for maxPerDay). It is punctual: it
 * evaluates at every instant where a decision can change without new balances — each
 * schedule occurrence, each threshold hold's end and cooldown's end — and wherever it is told.
 */
export class SimulatedDaemon {
  private runtime: Runtime;
  private states: ReadonlyMap<string, StoredTriggerState> = new Map();
  private next: ReadonlyMap<string, NextTriggerState> = new Map();
  private readonly balances = new Map<string, BalanceReading>();
  private readonly fires: { triggerId: string; atMs: number }[] = [];
  /** The last instant evaluated. */
  private clockMs: number;
  private readonly config: Config;

  constructor(config: Config, start: Date) {
    this.config = config;
    this.runtime = compileRuntime(config);
    this.clockMs = start.getTime();
  }

  get now(): Date {
    return new Date(this.clockMs);
  }

  /** Balances set by a test step, read at `at`; accounts not named keep their last reading. */
  setBalance(alias: string, reading: BalanceReading): void {
    this.balances.set(alias, reading);
  }

  currentBalances(): ReadonlyMap<string, BalanceReading> {
    return this.balances;
  }

  currentState(triggerId: string): NextTriggerState | undefined {
    return this.next.get(triggerId);
  }

  currentRuntime(): Runtime {
    return this.runtime;
  }

  /** A restart: all state goes through the store format; a new runtime (no caches) is built. */
  restart(): void {
    this.states = throughStore(this.next);
    this.runtime = compileRuntime(this.config);
  }

  /** Evaluates at every instant in (now, until) where something is due, in order. */
  runUntil(until: Date): SimulatedEvaluation[] {
    const evaluations: SimulatedEvaluation[] = [];
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next >= until.getTime()) return evaluations;
      evaluations.push(this.evaluateAt(new Date(next)));
    }
  }

  /** One evaluation at `now` (not before the last one). */
  evaluateAt(now: Date): SimulatedEvaluation {
    const nowMs = now.getTime();
    const firedLast24h = new Map<string, number>();
    for (const fire of this.fires) {
      if (nowMs - fire.atMs < DAY_MS)
        firedLast24h.set(fire.triggerId, (firedLast24h.get(fire.triggerId) ?? 0) + 1);
    }
    const result: EvaluateResult = evaluate({
      runtime: this.runtime,
      states: this.states,
      balances: this.balances,
      now,
      firedLast24h,
    });
    for (const intent of result.intents) this.fires.push({ triggerId: intent.triggerId, atMs: nowMs });
    this.next = result.states;
    this.states = result.states;
    this.clockMs = nowMs;
    return { at: now, intents: result.intents, decisions: result.decisions };
  }

  /** The first instant after the clock at which an evaluation can decide something new. */
  private nextDue(): number | undefined {
    let due = Number.POSITIVE_INFINITY;
    const after = new Date(this.clockMs);
    for (const trigger of this.runtime.triggers) {
      if (trigger.kind === "schedule") {
        const [next] = firstOccurrences(trigger.schedule, after, 1);
        if (next !== undefined) due = Math.min(due, next.instantMs);
        continue;
      }
      const state = this.next.get(trigger.id)?.state;
      if (state === null || state === undefined) continue;
      const { forMs, cooldownMs } = trigger.definition;
      const deadlines = [
        state.phase === "pending" ? Date.parse(state.since) + forMs : Number.NaN,
        state.lastFiredAt !== null && cooldownMs !== undefined
          ? Date.parse(state.lastFiredAt) + cooldownMs
          : Number.NaN,
      ];
      for (const deadline of deadlines) if (deadline > this.clockMs) due = Math.min(due, deadline);
    }
    return Number.isFinite(due) ? due : undefined;
  }
}

/** States as the store returns them: JSON text, with the cursor back as a Date. */
function throughStore(states: ReadonlyMap<string, NextTriggerState>): Map<string, StoredTriggerState> {
  const out = new Map<string, StoredTriggerState>();
  for (const [id, record] of states) {
    const parsed = JSON.parse(JSON.stringify(record)) as {
      definitionHash: string;
      state: unknown;
      cursor?: string;
    };
    out.set(id, {
      definitionHash: parsed.definitionHash,
      state: parsed.state,
      cursor: parsed.cursor === undefined ? undefined : new Date(parsed.cursor),
    });
  }
  return out;
}
