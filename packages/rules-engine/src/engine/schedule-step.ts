import {
  type CatchUpReason,
  type CatchUpVerdict,
  DEFAULT_CATCH_UP_MAX,
  decideCatchUp,
  occurrencesBetween,
} from "../schedule/index.js";
import { nextOccurrenceAfter } from "./hot-tables.js";
import type { Runtime, ScheduleRuntimeTrigger } from "./runtime.js";
import type { MissedSummary } from "./types.js";

/**
 * After a long outage, a sub-minute schedule has thousands of missed occurrences. At most this
 * many are recorded one by one (the newest); older ones become one summary decision with the
 * range and a count. 100 rows carry all the information an operator uses (the pattern is
 * regular, so any occurrence in the range is derivable), keep one evaluation's transaction
 * small, and match Kubernetes' "more than 100 missed start times" cut-off; 2.6 million rows for
 * a per-second schedule down a month would bloat the ledger and stall the tick.
 */
export const MAX_RECORDED_MISSED = 100;

/**
 * Occurrences one evaluation enumerates for one trigger. Beyond it the evaluation decides the
 * oldest ones (all certainly missed), leaves the cursor after them and continues on the next
 * tick, so a per-second schedule after a month down never blocks a tick for seconds.
 */
export const MAX_ENUMERATED_PER_EVALUATION = 100_000;

/** Occurrences are fetched this many at a time. */
const PAGE = 1_000;

/**
 * Occurrences newer than this many cannot change their verdict later: at most 61 can be on
 * time (cron's resolution is one second and "on time" is ≤ 60 s late, both ends included), and
 * catch-up fires at most `max` of the missed ones (1 for latest).
 */
const ON_TIME_SPAN = 61;

/** What one schedule trigger decided in one evaluation. */
export interface ScheduleDecisions {
  /** Fire, ascending. */
  fires: CatchUpVerdict[];
  /** Missed and recorded one by one, ascending. */
  missed: CatchUpVerdict[];
  /** Missed and recorded as one range. */
  summary: MissedSummary | undefined;
  /** Every occurrence up to it is decided. Equal to `now` unless the enumeration budget ran out. */
  cursor: Date;
  /** The budget ran out before `now`: the evaluation continues from `cursor` next time. */
  paused: boolean;
}

/**
 * Decides the occurrences of one schedule trigger in (cursor, now]: on time or caught up
 * (fire), or missed (recorded, with the catch-up reason); undefined when none is due. The
 * newest occurrences go through `decideCatchUp` together; older ones are certainly missed
 * whatever follows them, so they are decided page by page as the enumeration passes them,
 * which keeps memory bounded.
 */
export function decideSchedule(
  runtime: Runtime,
  trigger: ScheduleRuntimeTrigger,
  cursor: Date,
  now: Date,
): ScheduleDecisions | undefined {
  const cursorMs = cursor.getTime();
  const nowMs = now.getTime();
  if (
    cursorMs >= nowMs ||
    nextOccurrenceAfter(runtime.tables, trigger.index, trigger.schedule, cursorMs) > nowMs
  ) {
    return undefined;
  }
  const policy = trigger.catchUp;
  const fireable = policy.policy === "all" ? (policy.max ?? DEFAULT_CATCH_UP_MAX) : 1;
  // The newest `keep` are decided together at the end: the fires, and the missed ones recorded one by one.
  const keep = Math.max(MAX_RECORDED_MISSED, fireable) + ON_TIME_SPAN;
  let window: Date[] = [];
  const summary = new SummaryBuilder();
  let after = cursor;
  let enumerated = 0;
  for (;;) {
    const page = occurrencesBetween(trigger.schedule, after, now, PAGE);
    window = window.concat(page.occurrences);
    enumerated += page.occurrences.length;
    if (window.length > keep) {
      const older = window.length - keep;
      // Decided alongside the newest `keep`, which settle the on-time and catch-up fires.
      for (const verdict of decideCatchUp({ due: window, now, policy }).slice(0, older)) summary.add(verdict);
      window = window.slice(older);
    }
    const last = page.occurrences.at(-1);
    if (!page.truncated || last === undefined) break;
    after = last;
    if (enumerated >= MAX_ENUMERATED_PER_EVALUATION) {
      return {
        fires: [],
        missed: [],
        summary: summary.build(),
        cursor: summary.last ?? cursor,
        paused: true,
      };
    }
  }
  const verdicts = decideCatchUp({ due: window, now, policy });
  const fires = verdicts.filter((verdict) => verdict.decision === "fire");
  const missed = verdicts.filter((verdict) => verdict.decision === "missed");
  const extra = missed.length - MAX_RECORDED_MISSED;
  if (extra > 0) for (const verdict of missed.splice(0, extra)) summary.add(verdict);
  return { fires, missed, summary: summary.build(), cursor: now, paused: false };
}

class SummaryBuilder {
  first: Date | undefined;
  last: Date | undefined;
  count = 0;
  readonly reasons: Partial<Record<CatchUpReason, number>> = {};

  add(verdict: CatchUpVerdict): void {
    if (verdict.decision !== "missed") {
      throw new Error(`internal: a summarized occurrence must be missed, got ${verdict.reason}`);
    }
    this.first ??= verdict.occurrence;
    this.last = verdict.occurrence;
    this.count++;
    this.reasons[verdict.reason] = (this.reasons[verdict.reason] ?? 0) + 1;
  }

  build(): MissedSummary | undefined {
    if (this.first === undefined || this.last === undefined) return undefined;
    return { first: this.first, last: this.last, count: this.count, reasons: { ...this.reasons } };
  }
}
