import type { Schedule } from "../schedule/index.js";
import { firstOccurrences } from "../schedule/occurrences.js";
import type { ThresholdDefinition, ThresholdDisarmCause, ThresholdState } from "../threshold/index.js";

/**
 * The numbers a decision cycle reads for every trigger, in flat arrays aligned with
 * `runtime.triggers`: copies of the threshold definitions and caches of what the previous
 * evaluation learnt. With thousands of triggers, reading these instead of one object per
 * trigger is most of a quiet cycle's cost (memory, not arithmetic). Pure caches: every result
 * is the same with or without them.
 */
export interface HotTables {
  /**
   * Bumped by every evaluation of this runtime. While a result's `TriggerStates` carries the
   * current generation, the tables below hold exactly its states (cursors, threshold states),
   * so the next evaluation reads them here instead of from each record.
   */
  generation: number;
  /** KIND codes by trigger. */
  readonly kind: Uint8Array;
  readonly triggerId: readonly string[];
  readonly definitionHash: readonly string[];
  // Schedules: the cursor of the latest generation…
  readonly cursorMs: Float64Array;
  // …and "the first occurrence after afterMs is nextMs" (Infinity when none).
  readonly afterMs: Float64Array;
  readonly nextMs: Float64Array;
  // Thresholds: the account (empty for schedules), the definition…
  readonly account: readonly string[];
  readonly below: Uint8Array;
  readonly level: Float64Array;
  readonly rearm: Float64Array;
  readonly forMs: Float64Array;
  // …and the numbers of the state last seen, valid while `state[i]` is that very object.
  readonly state: (ThresholdState | undefined)[];
  readonly phase: Uint8Array;
  /** 1 when the state's `ignoring` is null (no outage being reported). */
  readonly quiet: Uint8Array;
  readonly lastReadingMs: Float64Array;
  readonly sinceMs: Float64Array;
  /** The state's other fields, so a new state can be built without reading the old object. */
  readonly lastFiredAt: (string | null)[];
  readonly since: (string | undefined)[];
  readonly suppressed: Uint8Array;
  readonly cause: (ThresholdDisarmCause | undefined)[];
}

export const PHASE = { unknown: 0, armed: 1, pending: 2, disarmed: 3 } as const;
export const KIND = { schedule: 0, threshold: 1 } as const;

/** What the tables copy from each trigger. */
export interface TableRow {
  id: string;
  definitionHash: string;
  /** For threshold triggers. */
  threshold?: { account: string; definition: ThresholdDefinition };
}

export function createHotTables(rows: readonly TableRow[]): HotTables {
  const n = rows.length;
  const definitions = rows.map((row) => row.threshold?.definition);
  return {
    generation: 0,
    kind: Uint8Array.from(rows, (row) => (row.threshold ? KIND.threshold : KIND.schedule)),
    triggerId: rows.map((row) => row.id),
    definitionHash: rows.map((row) => row.definitionHash),
    cursorMs: new Float64Array(n).fill(Number.NaN),
    account: rows.map((row) => row.threshold?.account ?? ""),
    afterMs: new Float64Array(n).fill(Number.NaN),
    nextMs: new Float64Array(n).fill(Number.NaN),
    below: Uint8Array.from(definitions, (d) => (d?.direction === "below" ? 1 : 0)),
    level: Float64Array.from(definitions, (d) => d?.level ?? Number.NaN),
    rearm: Float64Array.from(definitions, (d) => d?.rearm ?? Number.NaN),
    forMs: Float64Array.from(definitions, (d) => d?.forMs ?? Number.NaN),
    state: new Array<ThresholdState | undefined>(n).fill(undefined),
    phase: new Uint8Array(n),
    quiet: new Uint8Array(n),
    lastReadingMs: new Float64Array(n).fill(Number.NaN),
    sinceMs: new Float64Array(n).fill(Number.NaN),
    lastFiredAt: new Array<string | null>(n).fill(null),
    since: new Array<string | undefined>(n).fill(undefined),
    suppressed: new Uint8Array(n),
    cause: new Array<ThresholdDisarmCause | undefined>(n).fill(undefined),
  };
}

/**
 * The first occurrence of schedule `i` strictly after `afterMs`, from the table when it covers
 * `afterMs` ("none in (afterMs, nextMs)" is a fact about the schedule, true for every caller).
 */
export function nextOccurrenceAfter(
  tables: HotTables,
  i: number,
  schedule: Schedule,
  afterMs: number,
): number {
  if (afterMs >= tables.afterMs[i]! && afterMs < tables.nextMs[i]!) return tables.nextMs[i]!;
  const [next] = firstOccurrences(schedule, new Date(afterMs), 1);
  tables.afterMs[i] = afterMs;
  tables.nextMs[i] = next === undefined ? Number.POSITIVE_INFINITY : next.instantMs;
  return tables.nextMs[i]!;
}

/** Makes `state` the one the numbers of threshold `i` describe. */
export function rememberState(tables: HotTables, i: number, state: ThresholdState): void {
  if (tables.state[i] === state) return;
  tables.state[i] = state;
  tables.phase[i] = PHASE[state.phase];
  tables.quiet[i] = state.ignoring === null ? 1 : 0;
  tables.lastReadingMs[i] = state.lastReadingAt === null ? Number.NaN : Date.parse(state.lastReadingAt);
  tables.sinceMs[i] = state.phase === "pending" ? Date.parse(state.since) : Number.NaN;
  tables.lastFiredAt[i] = state.lastFiredAt;
  tables.since[i] = state.phase === "pending" ? state.since : undefined;
  tables.suppressed[i] = state.phase === "pending" && state.suppressed ? 1 : 0;
  tables.cause[i] = state.phase === "disarmed" ? state.cause : undefined;
}
