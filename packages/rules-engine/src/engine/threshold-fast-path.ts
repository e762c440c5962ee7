import type { BalanceReading, ThresholdState } from "../threshold/index.js";
import { type HotTables, PHASE, rememberState } from "./hot-tables.js";

/**
 * The common evaluations where the reducer changes nothing but, at most, `lastReadingAt`: a
 * fresh, successful reading, no outage being reported, and the phase stays — armed and not
 * past, disarmed and not re-armed, pending and past with the hold still short of `for`.
 * Returns the state `stepThreshold` would return (it would emit no event), or undefined when
 * the case is another and the reducer must run. A property test holds it to the reducer.
 */
export function quickThresholdStep(
  tables: HotTables,
  i: number,
  state: ThresholdState,
  reading: BalanceReading | undefined,
  nowMs: number,
  staleAfterMs: number,
): ThresholdState | undefined {
  if (reading === undefined || reading.status !== "ok") return undefined;
  const cents = reading.cents;
  const atMs = reading.at.getTime();
  // Written so that NaN (an invalid date) falls through to the reducer.
  if (!Number.isSafeInteger(cents) || !(nowMs - atMs <= staleAfterMs)) return undefined;
  rememberState(tables, i, state);
  if (tables.quiet[i] !== 1 || !(atMs >= tables.lastReadingMs[i]!)) return undefined;
  const below = tables.below[i] === 1;
  const level = tables.level[i]!;
  const past = below ? cents < level : cents > level;
  switch (tables.phase[i]) {
    case PHASE.armed:
      if (past) return undefined;
      break;
    case PHASE.disarmed:
      if (below ? cents >= tables.rearm[i]! : cents <= tables.rearm[i]!) return undefined;
      break;
    case PHASE.pending:
      if (!past || nowMs - tables.sinceMs[i]! >= tables.forMs[i]!) return undefined;
      break;
    default:
      return undefined;
  }
  if (atMs === tables.lastReadingMs[i]) return state;
  const next = withReadingAt(tables, i, isoString(reading.at, atMs));
  tables.state[i] = next;
  tables.lastReadingMs[i] = atMs;
  return next;
}

/**
 * The state of threshold `i` (armed, pending or disarmed, with no outage reported) with a new
 * `lastReadingAt`, built from the tables — not from the previous object, which is cold in
 * memory after a poll's worth of ticks — field by field in one order per phase.
 */
function withReadingAt(tables: HotTables, i: number, lastReadingAt: string): ThresholdState {
  const lastFiredAt = tables.lastFiredAt[i]!;
  switch (tables.phase[i]) {
    case PHASE.pending:
      return {
        phase: "pending",
        lastFiredAt,
        lastReadingAt,
        ignoring: null,
        since: tables.since[i]!,
        suppressed: tables.suppressed[i] === 1,
      };
    case PHASE.disarmed:
      return { phase: "disarmed", lastFiredAt, lastReadingAt, ignoring: null, cause: tables.cause[i]! };
    default:
      return { phase: "armed", lastFiredAt, lastReadingAt, ignoring: null };
  }
}

// A poll's readings usually share one time: format it once.
let cachedMs = Number.NaN;
let cachedIso = "";

function isoString(date: Date, ms: number): string {
  if (ms !== cachedMs) {
    cachedIso = date.toISOString();
    cachedMs = ms;
  }
  return cachedIso;
}
