import type { Migration } from "../sql/driver.js";

/**
 * SQLite schema, version by version (never edit a released migration: add one). Timestamps
 * are ISO-8601 UTC text from `Date.toISOString()`, which sorts like time; money is INTEGER
 * cents. Kept in step with `postgres-migrations.ts` (a test compares the two lists).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial",
    statements: [
      `CREATE TABLE firings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trigger_id TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN
          ('claimed', 'sent', 'accepted', 'failed', 'ambiguous', 'missed', 'skipped', 'dry-run')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error_code TEXT,
        last_error_message TEXT,
        request_id TEXT,
        reason TEXT,
        config_hash TEXT NOT NULL,
        fencing_token INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        completed_at TEXT,
        next_attempt_at TEXT
      )`,
      // Live and dry-run firings are separate uniqueness domains (a row never moves between them).
      `CREATE UNIQUE INDEX firings_live_occurrence ON firings (trigger_id, occurrence) WHERE status <> 'dry-run'`,
      `CREATE UNIQUE INDEX firings_live_key ON firings (idempotency_key) WHERE status <> 'dry-run'`,
      `CREATE UNIQUE INDEX firings_dry_run_occurrence ON firings (trigger_id, occurrence) WHERE status = 'dry-run'`,
      `CREATE UNIQUE INDEX firings_dry_run_key ON firings (idempotency_key) WHERE status = 'dry-run'`,
      `CREATE INDEX firings_unfinished ON firings (created_at) WHERE status IN ('claimed', 'sent')`,
      `CREATE INDEX firings_by_trigger ON firings (trigger_id, created_at)`,
      `CREATE INDEX firings_by_created ON firings (created_at)`,
      `CREATE TABLE trigger_state (
        trigger_id TEXT PRIMARY KEY,
        definition_hash TEXT NOT NULL,
        state TEXT NOT NULL,
        evaluated_until TEXT,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE balances (
        account TEXT PRIMARY KEY,
        cents INTEGER,
        fetched_at TEXT,
        failure_reason TEXT,
        failed_at TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((cents IS NULL) = (fetched_at IS NULL)),
        CHECK ((failure_reason IS NULL) = (failed_at IS NULL))
      )`,
      `CREATE TABLE config_snapshots (
        hash TEXT PRIMARY KEY,
        sources TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE config_last_known_good (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hash TEXT NOT NULL REFERENCES config_snapshots (hash),
        marked_at TEXT NOT NULL
      )`,
      `CREATE TABLE amount_audits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        request_id TEXT,
        inputs TEXT NOT NULL,
        formula_hash TEXT NOT NULL,
        raw INTEGER,
        clamped INTEGER,
        outcome TEXT NOT NULL,
        error_code TEXT
      )`,
      `CREATE INDEX amount_audits_by_at ON amount_audits (at)`,
      `CREATE TABLE alerts (
        alert_key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        message TEXT NOT NULL,
        details TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        seen_count INTEGER NOT NULL CHECK (seen_count >= 1),
        last_sent_at TEXT,
        resolved_at TEXT
      )`,
      `CREATE INDEX alerts_open ON alerts (first_seen_at) WHERE status = 'open'`,
      `CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT,
        fencing_token INTEGER NOT NULL CHECK (fencing_token >= 0),
        expires_at TEXT NOT NULL,
        acquired_at TEXT,
        renewed_at TEXT
      )`,
      `CREATE TABLE store_health (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        probed_at TEXT NOT NULL
      )`,
    ],
  },
];
