import { type Clock, systemClock } from "@seqd/core";
import { assertNever } from "./errors.js";
import { openPostgresStore, type PostgresOptions } from "./postgres/open-postgres.js";
import { openSqliteStore, type SqliteOptions } from "./sqlite/open-sqlite.js";
import type { Store } from "./store.js";
import { parseStoreUrl } from "./store-url.js";

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Source of every timestamp the store writes and of lease expiry (default: the system clock). */
  clock?: Clock;
  /** Directory a relative `sqlite:` path is resolved against (default: the process's cwd). */
  cwd?: string;
  /**
   * Open without writing anything, not even migrations (e.g. `seqd history`). Writes fail with
   * `READ_ONLY`; a schema older than this code fails with `MIGRATION`.
   */
  readOnly?: boolean;
  /** Postgres schema to use (created if missing); the same as `?schema=` in the URL. */
  schema?: string;
  sqlite?: SqliteOptions;
  postgres?: PostgresOptions;
}

/**
 * Opens a store and brings its schema up to date.
 *
 * @example
 * const store = await openStore("sqlite:./seqd.db", { clock });
 * const pgStore = await openStore("postgres://seqd@db.internal/seqd?schema=seqd", { clock });
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const readOnly = options.readOnly ?? false;
  const target = parseStoreUrl(url, {
    cwd: options.cwd ?? process.cwd(),
    ...(options.schema === undefined ? {} : { schema: options.schema }),
  });
  switch (target.kind) {
    case "sqlite":
      return openSqliteStore({
        file: target.file,
        location: target.location,
        clock,
        readOnly,
        sqlite: options.sqlite ?? {},
      });
    case "postgres":
      return openPostgresStore({
        connectionString: target.connectionString,
        schema: target.schema,
        location: target.location,
        clock,
        readOnly,
        postgres: options.postgres ?? {},
      });
    default:
      return assertNever(target);
  }
}
