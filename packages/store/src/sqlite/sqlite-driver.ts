import type BetterSqlite3 from "better-sqlite3";
import type { Dialect, Row, SqlDriver, SqlExecutor, SqlValue } from "../sql/driver.js";
import type { SerialQueue } from "./serial-queue.js";
import { fromSqliteError } from "./sqlite-errors.js";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.js";

const STATEMENT_CACHE_SIZE = 200;
const SYNCHRONOUS_NAMES = ["OFF", "NORMAL", "FULL", "EXTRA"];

/** What SQLite needs beyond the shared SQL. */
export const sqliteDialect: Dialect = {
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
      busyTimeoutMs: await first("PRAGMA busy_timeout"),
    };
  },
};

/**
 * Wraps one better-sqlite3 connection in the async driver interface. better-sqlite3 is
 * synchronous, but the interface's transactions take async callbacks: every top-level call
 * goes through `queue` so no other call's statement can land inside an open transaction
 * between two of its awaits (see `serial-queue.ts` for why the queue is per file).
 */
export function createSqliteDriver(
  db: BetterSqlite3.Database,
  location: string,
  queue: SerialQueue,
): SqlDriver {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => queue.run(work);

  function prepare(sql: string): BetterSqlite3.Statement {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
    }
    return statement;
  }

  function all(sql: string, params: readonly SqlValue[] = []): Row[] {
    try {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    } catch (error) {
      throw fromSqliteError(error, location);
    }
  }

  function run(sql: string, params: readonly SqlValue[] = []): number {
    try {
      const statement = prepare(sql);
      return statement.reader ? statement.all(...params).length : statement.run(...params).changes;
    } catch (error) {
      throw fromSqliteError(error, location);
    }
  }

  function exec(sql: string): void {
    try {
      db.exec(sql);
    } catch (error) {
      throw fromSqliteError(error, location);
    }
  }

  const inTransaction: SqlExecutor = {
    all: async (sql, params) => all(sql, params),
    run: async (sql, params) => run(sql, params),
  };

  return {
    dialect: sqliteDialect,
    all: (sql, params) => serial(() => all(sql, params)),
    run: (sql, params) => serial(() => run(sql, params)),
    transaction: (fn) =>
      serial(async () => {
        exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(inTransaction);
          exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) {
            try {
              db.exec("ROLLBACK");
            } catch {
              // The original error matters more; SQLite rolls back on close anyway.
            }
          }
          throw error;
        }
      }),
    close: () =>
      serial(() => {
        if (!db.open) return;
        if (!db.readonly && !db.memory) {
          try {
            // Fold the WAL into the main file so a copied .db file is complete on its own.
            db.pragma("wal_checkpoint(TRUNCATE)");
          } catch {
            // A failed checkpoint loses nothing: the WAL is replayed at the next open.
          }
        }
        db.close();
        queue.release();
      }),
  };
}
