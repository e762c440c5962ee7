import type { Clock } from "@seqd/core";
import Database from "better-sqlite3";
import { StoreError } from "../errors.js";
import { migrate } from "../sql/migrate.js";
import { createSqlStore } from "../sql/sql-store.js";
import type { Store } from "../store.js";
import { createLockWaiter, NATIVE_BUSY_TIMEOUT_MS } from "./lock-wait.js";
import { acquireFileQueue, createSerialQueue } from "./serial-queue.js";
import { createSqliteDriver } from "./sqlite-driver.js";
import { fromSqliteError } from "./sqlite-errors.js";

/** SQLite-specific settings. */
export interface SqliteOptions {
  /**
   * `full` (default) syncs the WAL on every commit, so a claim that returned survives power
   * loss; `normal` may lose the last commits on power loss (not on a process crash).
   */
  synchronous?: "full" | "normal";
  /**
   * How long to wait for another process's write lock before `LOCKED` (default 5000). The
   * wait is asynchronous (native waits of at most 20 ms), so the event loop keeps running.
   */
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) and migrates a SQLite store. */
export async function openSqliteStore(options: {
  file: string;
  location: string;
  clock: Clock;
  readOnly: boolean;
  sqlite: SqliteOptions;
}): Promise<Store> {
  const { file, location, readOnly } = options;
  const busyTimeoutMs = options.sqlite.busyTimeoutMs ?? 5000;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new StoreError("INVALID_INPUT", `busyTimeoutMs must be a whole number ≥ 0, got ${busyTimeoutMs}`);
  }
  if (readOnly && file === ":memory:") {
    throw new StoreError(
      "INVALID_INPUT",
      "an in-memory store starts empty, so it cannot be opened read-only",
    );
  }
  const nativeBusyMs = Math.min(busyTimeoutMs, NATIVE_BUSY_TIMEOUT_MS);
  const queue = file === ":memory:" ? createSerialQueue() : acquireFileQueue(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: readOnly, fileMustExist: readOnly, timeout: nativeBusyMs });
    const connection = db;
    const waitForLock = createLockWaiter({ lockWaitMs: busyTimeoutMs, nativeBusyMs });
    // In the file's queue, and waiting out other processes' locks: switching a new file to WAL needs one.
    await queue.run(() =>
      waitForLock(() => configure(connection, options.sqlite, { readOnly, nativeBusyMs, location })),
    );
  } catch (error) {
    db?.close();
    queue.release();
    throw fromSqliteError(error, location);
  }
  const driver = createSqliteDriver({ db, location, queue, lockWaitMs: busyTimeoutMs });
  try {
    const schemaVersion = await migrate(driver, { clock: options.clock, readOnly });
    return createSqlStore({ driver, clock: options.clock, location, readOnly, schemaVersion });
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** Connection settings; idempotent, so a lock wait may run it again. */
function configure(
  db: Database.Database,
  sqlite: SqliteOptions,
  options: { readOnly: boolean; nativeBusyMs: number; location: string },
): void {
  try {
    // The first statements read the header: a file that is not a database fails here, as CORRUPT.
    if (!options.readOnly) db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${sqlite.synchronous === "normal" ? "NORMAL" : "FULL"}`);
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${options.nativeBusyMs}`);
  } catch (error) {
    throw fromSqliteError(error, options.location);
  }
}
