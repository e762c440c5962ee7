import type { Clock } from "@seqd/core";
import type { StoreError } from "../errors.js";
import { migrate } from "../sql/migrate.js";
import { createSqlStore } from "../sql/sql-store.js";
import type { Store } from "../store.js";
import { createPostgresDialect, createPostgresDriver } from "./postgres-driver.js";
import { fromPostgresError } from "./postgres-errors.js";

/** Postgres-specific settings. */
export interface PostgresOptions {
  /** Connections in the pool (default 4: the daemon's writes are few and short). */
  poolSize?: number;
  /** Give up connecting after this long, as `UNAVAILABLE` (default 5000). */
  connectTimeoutMs?: number;
  /** Server-side cap on one statement (default 15000), so a stuck lock cannot hang the daemon. */
  statementTimeoutMs?: number;
  /**
   * Errors of idle pooled connections (e.g. the server restarted). They are also reported by
   * the next call that needs a connection; without this they are dropped.
   */
  onError?: (error: StoreError) => void;
}

/** Connects a pool, migrates the schema (creating it if named) and returns the store. */
export async function openPostgresStore(options: {
  connectionString: string;
  schema: string | undefined;
  location: string;
  clock: Clock;
  readOnly: boolean;
  postgres: PostgresOptions;
}): Promise<Store> {
  const { location, schema, readOnly } = options;
  const sessionSettings = [
    ...(schema === undefined ? [] : [`-c search_path=${schema}`]),
    ...(readOnly ? ["-c default_transaction_read_only=on"] : []),
  ];
  // Loaded here, not at the top: the driver costs ~13 MB and tens of milliseconds at every start,
  // and the default SQLite store never needs it.
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.postgres.poolSize ?? 4,
    connectionTimeoutMillis: options.postgres.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.postgres.statementTimeoutMs ?? 15_000,
    // A transaction left open (a bug, a frozen process) must not hold claim locks forever.
    idle_in_transaction_session_timeout: 60_000,
    application_name: "seqd",
    ...(sessionSettings.length === 0 ? {} : { options: sessionSettings.join(" ") }),
  });
  // Without a listener, an idle connection's error would crash the process.
  pool.on("error", (error) => options.postgres.onError?.(fromPostgresError(error, location)));

  const driver = createPostgresDriver(pool, createPostgresDialect(schema), location);
  try {
    const schemaVersion = await migrate(driver, { clock: options.clock, readOnly });
    return createSqlStore({ driver, clock: options.clock, location, readOnly, schemaVersion });
  } catch (error) {
    await driver.close();
    throw error;
  }
}
