import type { Cents } from "@seqd/core";
import type { Config } from "../config/index.js";
import {
  type AmountErrorCode,
  type Balances,
  compileRuntime,
  type DecisionReason,
  evaluate,
  evaluateAmount,
  type ReadingUse,
  type Runtime,
  readingUse,
  type ThresholdRuntimeTrigger,
} from "../engine/index.js";
import { formatInstant, nextOccurrences } from "../schedule/index.js";
import {
  describeThresholdState,
  type ThresholdDirection,
  type ThresholdPhase,
  type ThresholdState,
} from "../threshold/index.js";

/** One upcoming run of a schedule. */
export interface PlannedOccurrence {
  /** ISO instant in UTC (`…Z`). */
  utc: string;
  /** The same instant as local ISO time with the zone's offset. */
  local: string;
  /** The local date has skipped or repeated wall times. */
  dstTransitionDay: boolean;
  /** The written time does not exist that day; it runs at the first instant after the gap. */
  shiftedFromGap?: true;
  /** The written time happens twice that day; which of the two this run is. */
  repeatedWallTime?: "first" | "second";
  /** The wall time the pattern matched, e.g. `2026-03-08T02:30:00`. */
  wallTime: string;
}

export interface PlannedSchedule {
  trigger: string;
  rule: string;
  cron: string;
  timezone: string;
  when: string | null;
  occurrences: PlannedOccurrence[];
}

export interface PlannedThreshold {
  trigger: string;
  rule: string;
  account: string;
  direction: ThresholdDirection;
  level: Cents;
  rearm: Cents;
  /** The given balance, or null when there is none or its read failed. */
  balance: Cents | null;
  reading: ReadingUse;
  /** Whether the balance is past the level; null without a usable reading. */
  past: boolean | null;
  /** The phase a daemon starting now would be in after its first evaluation (onStartup applies). */
  phase: ThresholdPhase;
  state: string;
  wouldFire: boolean;
  /** A fire a guard would block (when, maxPerDay). */
  blocked: { reason: DecisionReason; detail: string } | null;
}

/** What an amount endpoint would answer. */
export type PlannedAmount =
  | { id: string; path: string; answer: Cents; raw: Cents }
  | {
      id: string;
      path: string;
      /** 0 under onStale zero; "rejected" (HTTP 503) under onStale reject. */
      answer: Cents | "rejected";
      error: { code: AmountErrorCode; message: string };
    };

export interface Plan {
  /** ISO instant (UTC). */
  from: string;
  /** The same instant in the config's timezone (UTC without one). */
  fromLocal: string;
  timezone: string | null;
  count: number;
  schedules: PlannedSchedule[];
  thresholds: PlannedThreshold[];
  amounts: PlannedAmount[];
}

export interface PlanOptions {
  /** Occurrences strictly after this instant; thresholds and amounts are judged at it. */
  from: Date;
  /** Occurrences per schedule trigger. */
  count: number;
  /** Readings to judge thresholds and amounts on (absent accounts: no reading). */
  balances: Balances;
}

/**
 * What a config would do: the next `count` runs of each schedule (local and UTC, DST days and
 * gap shifts marked), and on the given balances, what a daemon starting at `from` would do
 * with each threshold and what each amount endpoint would answer. The same engine the daemon
 * runs; no store, no network, no secrets.
 */
export function buildPlan(config: Config, options: PlanOptions): Plan {
  const runtime = compileRuntime(config);
  const first = evaluate({
    runtime,
    states: new Map(),
    balances: options.balances,
    now: options.from,
    firedLast24h: new Map(),
  });
  const schedules: PlannedSchedule[] = [];
  const thresholds: PlannedThreshold[] = [];
  for (const trigger of runtime.triggers) {
    if (trigger.kind === "schedule") {
      schedules.push({
        trigger: trigger.id,
        rule: trigger.ruleId,
        cron: trigger.schedule.cron,
        timezone: trigger.schedule.timezone,
        when: trigger.when?.source ?? null,
        occurrences: nextOccurrences(trigger.schedule, options.from, options.count).map((occurrence) => ({
          utc: occurrence.utc.toISOString(),
          local: occurrence.local,
          dstTransitionDay: occurrence.dstTransitionDay,
          ...(occurrence.shiftedFromGap ? { shiftedFromGap: true as const } : {}),
          ...(occurrence.repeatedWallTime ? { repeatedWallTime: occurrence.repeatedWallTime } : {}),
          wallTime: occurrence.wallTime,
        })),
      });
      continue;
    }
    const state = first.states.get(trigger.id)?.state as ThresholdState;
    const blocked = first.decisions.find((decision) => decision.triggerId === trigger.id);
    thresholds.push({
      ...thresholdFacts(runtime, trigger, options),
      phase: state.phase,
      state: describeThresholdState(state, {
        definition: trigger.definition,
        now: options.from,
        timeZone: config.timezone ?? "UTC",
      }),
      wouldFire: first.intents.some((intent) => intent.triggerId === trigger.id),
      blocked: blocked === undefined ? null : { reason: blocked.reason, detail: blocked.detail },
    });
  }
  return {
    from: options.from.toISOString(),
    fromLocal: formatInstant(options.from, config.timezone),
    timezone: config.timezone ?? null,
    count: options.count,
    schedules,
    thresholds,
    amounts: [...runtime.amounts.values()].map((endpoint): PlannedAmount => {
      const answer = evaluateAmount(runtime, endpoint.id, options.balances, options.from);
      if (answer.ok) return { id: endpoint.id, path: endpoint.path, answer: answer.cents, raw: answer.raw };
      return {
        id: endpoint.id,
        path: endpoint.path,
        answer: answer.onStale === "reject" ? "rejected" : 0,
        error: { code: answer.code, message: answer.message },
      };
    }),
  };
}

function thresholdFacts(runtime: Runtime, trigger: ThresholdRuntimeTrigger, options: PlanOptions) {
  const reading = options.balances.get(trigger.account);
  const use = readingUse(reading, options.from.getTime(), runtime.staleAfterMs);
  const { direction, level, rearm } = trigger.definition;
  const balance = reading?.status === "ok" ? reading.cents : null;
  const usable = use === "fresh" && balance !== null;
  return {
    trigger: trigger.id,
    rule: trigger.ruleId,
    account: trigger.account,
    direction,
    level,
    rearm,
    balance,
    reading: use,
    past: usable ? (direction === "below" ? balance < level : balance > level) : null,
  };
}
