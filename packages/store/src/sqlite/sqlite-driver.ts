import type BetterSqlite3 from "better-sqlite3";
import type { Row, SqlDriver, SqlExecutor, SqlValue } from "../sql/driver.js";
import { createLockWaiter, type Pause } from "./lock-wait.js";
import type { SerialQueue } from "./serial-queue.js";
import { createSqliteDialect } from "./sqlite-dialect.js";
import { fromSqliteError } from "./sqlite-errors.js";

const STATEMENT_CACHE_SIZE = 200;

/** What the SQLite driver wraps and how long it waits for another process's write lock. */
export interface SqliteDriverOptions {
  db: BetterSqlite3.Database;
  location: string;
  queue: SerialQueue;
  lockWaitMs: number;
  /** How to wait between lock attempts (tests pass one that frees the lock). */
  pause?: Pause;
}

/**
 * Wraps one better-sqlite3 connection in the async driver interface. better-sqlite3 is
 * synchronous, but the interface's transactions take async callbacks: every top-level call
 * goes through `queue` so no other call's statement can land inside an open transaction
 * between two of its awaits (see `serial-queue.ts` for why the queue is per file). A write
 * lock held by another process is waited for asynchronously (see `lock-wait.ts`).
 */
export function createSqliteDriver(options: SqliteDriverOptions): SqlDriver {
  const { db, location, queue } = options;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => queue.run(work);
  const waitForLock = createLockWaiter({
    lockWaitMs: options.lockWaitMs,
    nativeBusyMs: Math.min(options.lockWaitMs, db.pragma("busy_timeout", { simple: true }) as number),
    ...(options.pause === undefined ? {} : { pause: options.pause }),
  });

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
    dialect: createSqliteDialect(options.lockWaitMs),
    // A single statement that met a lock failed whole, so running it again is safe.
    all: (sql, params) => serial(() => waitForLock(() => all(sql, params))),
    run: (sql, params) => serial(() => waitForLock(() => run(sql, params))),
    transaction: (fn) =>
      serial(async () => {
        // Only BEGIN waits: once it holds the write lock, the transaction's statements cannot meet one.
        await waitForLock(() => exec("BEGIN IMMEDIATE"));
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
