import type { Clock } from "@seqd/core";
import { StoreError } from "../errors.js";
import {
  ALERT_SEVERITIES,
  type Alert,
  type AlertSeverity,
  type OpenAlertInput,
  type OpenAlertResult,
} from "../types.js";
import { isoTime, jsonText, requireText } from "../validate.js";
import type { Row, SqlDriver } from "./driver.js";
import { readInt, readJson, readOptionalTime, readText, readTime } from "./row.js";

const COLUMNS = `alert_key, kind, severity, message, details, status, first_seen_at, last_seen_at, seen_count,
  last_sent_at, resolved_at`;

// One statement: re-raising an open alert bumps it; raising a resolved one starts a new
// episode (count 1, never sent), so the notifier sends it at once.
const OPEN = `INSERT INTO alerts (alert_key, kind, severity, message, details, status, first_seen_at, last_seen_at, seen_count)
  VALUES (?, ?, ?, ?, ?, 'open', ?, ?, 1)
  ON CONFLICT (alert_key) DO UPDATE SET
    kind = excluded.kind, severity = excluded.severity, message = excluded.message, details = excluded.details,
    first_seen_at = CASE WHEN alerts.status = 'open' THEN alerts.first_seen_at ELSE excluded.first_seen_at END,
    seen_count = CASE WHEN alerts.status = 'open' THEN alerts.seen_count + 1 ELSE 1 END,
    last_sent_at = CASE WHEN alerts.status = 'open' THEN alerts.last_sent_at ELSE NULL END,
    last_seen_at = excluded.last_seen_at, status = 'open', resolved_at = NULL
  RETURNING ${COLUMNS}`;

/** Deduplicated alerts keyed by `key`. */
export function createAlertsRepo(db: SqlDriver, clock: Clock) {
  const nowIso = () => isoTime(clock.now(), "clock.now()");

  return {
    async open(input: OpenAlertInput): Promise<OpenAlertResult> {
      if (!(ALERT_SEVERITIES as readonly string[]).includes(input.severity)) {
        throw new StoreError(
          "INVALID_INPUT",
          `alert severity must be ${ALERT_SEVERITIES.join(", ")}, got "${String(input.severity)}"`,
        );
      }
      const now = nowIso();
      const [row] = await db.all(OPEN, [
        requireText(input.key, "alert key", 500),
        requireText(input.kind, "alert kind", 200),
        input.severity,
        requireText(input.message, "alert message"),
        jsonText(input.details ?? null, "alert details"),
        now,
        now,
      ]);
      if (row === undefined) throw new StoreError("INTERNAL", "opening an alert returned no row");
      const alert = toAlert(row);
      return { alert, opened: alert.count === 1 };
    },

    async markSent(key: string, at: Date): Promise<boolean> {
      const changed = await db.run(
        "UPDATE alerts SET last_sent_at = ? WHERE alert_key = ? AND status = 'open'",
        [isoTime(at, "at"), requireText(key, "alert key", 500)],
      );
      return changed === 1;
    },

    async resolve(key: string): Promise<Alert | undefined> {
      const [row] = await db.all(
        `UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE alert_key = ? AND status = 'open' RETURNING ${COLUMNS}`,
        [nowIso(), requireText(key, "alert key", 500)],
      );
      return row === undefined ? undefined : toAlert(row);
    },

    async listOpen(): Promise<Alert[]> {
      const rows = await db.all(
        `SELECT ${COLUMNS} FROM alerts WHERE status = 'open' ORDER BY first_seen_at, alert_key`,
      );
      return rows.map(toAlert);
    },
  };
}

function toAlert(row: Row): Alert {
  const severity = readText(row, "severity");
  const status = readText(row, "status");
  if (!isSeverity(severity) || (status !== "open" && status !== "resolved")) {
    throw new StoreError("INTERNAL", `alert row has severity "${severity}" and status "${status}"`);
  }
  return {
    key: readText(row, "alert_key"),
    kind: readText(row, "kind"),
    severity,
    message: readText(row, "message"),
    details: readJson(row, "details"),
    status,
    firstSeenAt: readTime(row, "first_seen_at"),
    lastSeenAt: readTime(row, "last_seen_at"),
    count: readInt(row, "seen_count"),
    lastSentAt: readOptionalTime(row, "last_sent_at"),
    resolvedAt: readOptionalTime(row, "resolved_at"),
  };
}

function isSeverity(value: string): value is AlertSeverity {
  return (ALERT_SEVERITIES as readonly string[]).includes(value);
}
