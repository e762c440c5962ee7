import type { Firing } from "@seqd/store";
import { renderTable } from "../table.js";

/** One firing in `seqd history --format json`. The first seven fields are fixed; more may be added. */
export interface HistoryEntry {
  trigger: string;
  occurrence: string;
  rule: string;
  idempotencyKey: string;
  status: string;
  attempts: number;
  requestId: string | null;
  id: number;
  reason: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  configHash: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  completedAt: string | null;
  nextAttemptAt: string | null;
}

/** A firing as a JSON history entry (times in ISO-8601 UTC, absent values as null). */
export function toHistoryEntry(firing: Firing): HistoryEntry {
  return {
    trigger: firing.triggerId,
    occurrence: firing.occurrence,
    rule: firing.ruleId,
    idempotencyKey: firing.idempotencyKey,
    status: firing.status,
    attempts: firing.attempts,
    requestId: firing.requestId ?? null,
    id: firing.id,
    reason: firing.reason ?? null,
    lastErrorCode: firing.lastErrorCode ?? null,
    lastErrorMessage: firing.lastErrorMessage ?? null,
    configHash: firing.configHash,
    createdAt: firing.createdAt.toISOString(),
    updatedAt: firing.updatedAt.toISOString(),
    sentAt: firing.sentAt?.toISOString() ?? null,
    completedAt: firing.completedAt?.toISOString() ?? null,
    nextAttemptAt: firing.nextAttemptAt?.toISOString() ?? null,
  };
}

/** Longest DETAIL cell; the full text is in `--format json`. */
const DETAIL_MAX = 80;

/**
 * The readable table, newest first: when it was decided (UTC), trigger, occurrence, rule,
 * status, attempts, Sequence's request id, the idempotency key, and why (reason or last error).
 */
export function renderHistoryTable(firings: readonly Firing[]): string {
  const header = [
    "CREATED (UTC)",
    "TRIGGER",
    "OCCURRENCE",
    "RULE",
    "STATUS",
    "ATTEMPTS",
    "REQUEST ID",
    "KEY",
    "DETAIL",
  ];
  const rows = firings.map((firing) => [
    firing.createdAt.toISOString().slice(0, 19).replace("T", " "),
    firing.triggerId,
    firing.occurrence,
    firing.ruleId,
    firing.status,
    String(firing.attempts),
    firing.requestId ?? "-",
    firing.idempotencyKey,
    detail(firing),
  ]);
  return renderTable(header, rows);
}

function detail(firing: Firing): string {
  const text = firing.reason ?? firing.lastErrorMessage ?? "";
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > DETAIL_MAX ? `${oneLine.slice(0, DETAIL_MAX - 1)}…` : oneLine;
}
