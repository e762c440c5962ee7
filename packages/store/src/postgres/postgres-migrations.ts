import type { Migration } from "../sql/driver.js";

/**
 * Postgres schema, version by version (never edit a released migration: add one). Same tables,
 * columns and indexes as `sqlite-migrations.ts`, with TIMESTAMPTZ and BIGINT (cents and ids
 * come back as strings from pg and are converted exactly in `row.ts`).
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial",
    statements: [
      `CREATE TABLE firings (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
        fencing_token BIGINT,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        sent_at TIMESTAMPTZ,
        completed_at TIMESTAMPTZ,
        next_attempt_at TIMESTAMPTZ
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
        evaluated_until TIMESTAMPTZ,
        updated_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE balances (
        account TEXT PRIMARY KEY,
        cents BIGINT,
        fetched_at TIMESTAMPTZ,
        failure_reason TEXT,
        failed_at TIMESTAMPTZ,
        updated_at TIMESTAMPTZ NOT NULL,
        CHECK ((cents IS NULL) = (fetched_at IS NULL)),
        CHECK ((failure_reason IS NULL) = (failed_at IS NULL))
      )`,
      `CREATE TABLE config_snapshots (
        hash TEXT PRIMARY KEY,
        sources TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE config_last_known_good (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hash TEXT NOT NULL REFERENCES config_snapshots (hash),
        marked_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE amount_audits (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        endpoint TEXT NOT NULL,
        request_id TEXT,
        inputs TEXT NOT NULL,
        formula_hash TEXT NOT NULL,
        raw BIGINT,
        clamped BIGINT,
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
        first_seen_at TIMESTAMPTZ NOT NULL,
        last_seen_at TIMESTAMPTZ NOT NULL,
        seen_count INTEGER NOT NULL CHECK (seen_count >= 1),
        last_sent_at TIMESTAMPTZ,
        resolved_at TIMESTAMPTZ
      )`,
      `CREATE INDEX alerts_open ON alerts (first_seen_at) WHERE status = 'open'`,
      `CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT,
        fencing_token BIGINT NOT NULL CHECK (fencing_token >= 0),
        expires_at TIMESTAMPTZ NOT NULL,
        acquired_at TIMESTAMPTZ,
        renewed_at TIMESTAMPTZ
      )`,
      `CREATE TABLE store_health (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        probed_at TIMESTAMPTZ NOT NULL
      )`,
    ],
  },
];
