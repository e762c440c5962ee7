import type { TriggerEvent } from "@seqd/simulator";
import type { Firing } from "@seqd/store";

/** A per-second schedule and the span its occurrences must all be decided in. */
export interface ScheduleSpan {
  triggerId: string;
  policy: "all" | "skip";
  /** The cursor the first run started counting from (exclusive). */
  from: Date;
  /** The cursor the last run left (inclusive: occurrences up to it are decided). */
  to: Date;
}

/** An occurrence the ledger has no acceptable record of. */
export interface LostOccurrence {
  triggerId: string;
  occurrence: string;
  why: string;
}

/** What the crash loop's ledger and Sequence's executions show. */
export interface LedgerAudit {
  /** Idempotency keys Sequence executed more than once. */
  keysExecutedTwice: string[];
  /** Occurrences (`trigger@occurrence`) executed more than once, under any key. */
  occurrencesExecutedTwice: string[];
  /** Keys Sequence executed that no ledger row claimed. */
  executedWithoutClaim: string[];
  /** Accepted firings Sequence has no execution of. */
  acceptedNotExecuted: string[];
  /** Per-second occurrences inside their span with no acceptable ledger row. */
  lost: LostOccurrence[];
  /** How many per-second occurrences the spans hold, over all schedules. */
  expectedOccurrences: number;
  /** Ledger rows by status, over all triggers. */
  statuses: Record<string, number>;
}

/**
 * Checks the ledger against Sequence: nothing executed twice (per key, per occurrence), nothing
 * executed without a claim, every accepted firing executed, and every per-second occurrence in
 * its span recorded as the catch-up policy says — `all` fires each one (the downtime is far
 * inside `within` and `max`), `skip` fires it or records it missed with a reason; a failed or
 * ambiguous firing counts only when an alert names it. Anything else is a silent loss.
 */
export function auditLedger(input: {
  firings: readonly Firing[];
  triggerEvents: readonly TriggerEvent[];
  spans: readonly ScheduleSpan[];
  /** The `alert` log lines, as printed. */
  alertLines: readonly string[];
}): LedgerAudit {
  const byKey = new Map(input.firings.map((firing) => [firing.idempotencyKey, firing]));
  const executions = countBy(
    input.triggerEvents.filter((event) => event.outcome === "executed"),
    (event) => event.idempotencyKey ?? "(no key)",
  );
  const keysExecutedTwice = [...executions].filter(([, count]) => count > 1).map(([key]) => key);
  const executedWithoutClaim = [...executions.keys()].filter((key) => !byKey.has(key));
  const perOccurrence = new Map<string, number>();
  for (const [key, count] of executions) {
    const firing = byKey.get(key);
    if (firing === undefined) continue;
    const id = `${firing.triggerId}@${firing.occurrence}`;
    perOccurrence.set(id, (perOccurrence.get(id) ?? 0) + count);
  }
  const occurrencesExecutedTwice = [...perOccurrence].filter(([, count]) => count > 1).map(([id]) => id);
  const acceptedNotExecuted = input.firings
    .filter((firing) => firing.status === "accepted" && !executions.has(firing.idempotencyKey))
    .map((firing) => firing.idempotencyKey);

  const lost: LostOccurrence[] = [];
  let expectedOccurrences = 0;
  const rows = new Map(input.firings.map((firing) => [`${firing.triggerId}@${firing.occurrence}`, firing]));
  for (const span of input.spans) {
    for (const occurrence of everySecond(span.from, span.to)) {
      expectedOccurrences += 1;
      const row = rows.get(`${span.triggerId}@${occurrence}`);
      const why = row === undefined ? "no ledger row" : unacceptable(row, span.policy, input.alertLines);
      if (why !== undefined) lost.push({ triggerId: span.triggerId, occurrence, why });
    }
  }
  return {
    keysExecutedTwice,
    occurrencesExecutedTwice,
    executedWithoutClaim,
    acceptedNotExecuted,
    lost,
    expectedOccurrences,
    statuses: Object.fromEntries(countBy(input.firings, (firing) => firing.status)),
  };
}

/** Why a ledger row does not account for its occurrence; undefined when it does. */
function unacceptable(
  row: Firing,
  policy: ScheduleSpan["policy"],
  alertLines: readonly string[],
): string | undefined {
  switch (row.status) {
    case "accepted":
      return undefined;
    case "missed":
    case "skipped":
      if (policy === "all") return `${row.status} (${row.reason ?? "no reason"}) under catchUp all`;
      return row.reason === undefined ? `${row.status} without a reason` : undefined;
    case "failed":
    case "ambiguous": {
      const alerted = alertLines.some(
        (line) => line.includes(row.idempotencyKey) || line.includes(row.occurrence),
      );
      return alerted ? undefined : `${row.status} without an alert`;
    }
    case "claimed":
    case "sent":
    case "dry-run":
      return `left ${row.status}`;
  }
}

/** ISO instants of every whole second in (from, to]. */
function everySecond(from: Date, to: Date): string[] {
  const instants: string[] = [];
  for (let ms = Math.floor(from.getTime() / 1000) * 1000 + 1000; ms <= to.getTime(); ms += 1000) {
    instants.push(new Date(ms).toISOString());
  }
  return instants;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
