import type { Dialect } from "../sql/driver.js";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.js";

const SYNCHRONOUS_NAMES = ["OFF", "NORMAL", "FULL", "EXTRA"];

/** What SQLite needs beyond the shared SQL; `lockWaitMs` is only reported. */
export function createSqliteDialect(lockWaitMs: number): Dialect {
  return {
    kind: "sqlite",
    // BEGIN IMMEDIATE already serialises every writer of the file.
    forUpdate: "",
    forShare: "",
    maxParams: 32_766,
    nowQuery: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now",
    migrations: SQLITE_MIGRATIONS,
    migrationsTableDdl: `CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    async lockMigrations() {},
    async prepareSchema() {},
    async migrationsTableExists(db) {
      const rows = await db.all(
        "SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
      );
      return rows.length > 0;
    },
    async settings(db) {
      const first = async (sql: string) => String(Object.values((await db.all(sql))[0] ?? {})[0]);
      const synchronous = await first("PRAGMA synchronous");
      return {
        sqliteVersion: await first("SELECT sqlite_version()"),
        journalMode: await first("PRAGMA journal_mode"),
        synchronous: SYNCHRONOUS_NAMES[Number(synchronous)] ?? synchronous,
        foreignKeys: await first("PRAGMA foreign_keys"),
        busyTimeoutMs: String(lockWaitMs),
        nativeBusyTimeoutMs: await first("PRAGMA busy_timeout"),
      };
    },
  };
}
