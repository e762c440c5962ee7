import type pg from "pg";
import type { Dialect, Row, SqlDriver, SqlExecutor, SqlValue } from "../sql/driver.js";
import { fromPostgresError } from "./postgres-errors.js";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.js";

/** What Postgres needs beyond the shared SQL; `schema` scopes the migration lock. */
export function createPostgresDialect(schema: string | undefined): Dialect {
  return {
    kind: "postgres",
    forUpdate: " FOR UPDATE",
    forShare: " FOR SHARE",
    maxParams: 65_535,
    nowQuery: "SELECT clock_timestamp() AS now",
    migrations: POSTGRES_MIGRATIONS,
    migrationsTableDdl: `CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    async lockMigrations(tx) {
      // Concurrent CREATE … IF NOT EXISTS can still collide in Postgres; one lock per schema avoids it.
      await tx.all("SELECT pg_advisory_xact_lock(hashtext(?))", [`seqd-migrations:${schema ?? "(default)"}`]);
    },
    async prepareSchema(tx) {
      // The name was checked against [A-Za-z_][A-Za-z0-9_]* when the URL was parsed.
      if (schema !== undefined) await tx.run(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    },
    async migrationsTableExists(db) {
      const [row] = await db.all("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
      return row?.["present"] === true;
    },
    async settings(db) {
      const [row] = await db.all(
        `SELECT current_setting('server_version') AS server_version, current_schema() AS schema,
           current_setting('default_transaction_read_only') AS read_only,
           current_setting('statement_timeout') AS statement_timeout`,
      );
      return {
        serverVersion: String(row?.["server_version"]),
        schema: String(row?.["schema"]),
        defaultTransactionReadOnly: String(row?.["read_only"]),
        statementTimeout: String(row?.["statement_timeout"]),
      };
    },
  };
}

/**
 * The async driver over a pg Pool. The shared SQL uses `?` placeholders; they become `$1…$n`
 * here (our statements never contain `?` inside a string literal, which this conversion
 * respects anyway).
 */
export function createPostgresDriver(pool: pg.Pool, dialect: Dialect, location: string): SqlDriver {
  const converted = new Map<string, string>();
  const toPostgres = (sql: string): string => {
    let text = converted.get(sql);
    if (text === undefined) {
      text = numberPlaceholders(sql);
      converted.set(sql, text);
    }
    return text;
  };

  function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
    return {
      async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
        try {
          return (await client.query(toPostgres(sql), [...params])).rows as Row[];
        } catch (error) {
          throw fromPostgresError(error, location);
        }
      },
      async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
        try {
          return (await client.query(toPostgres(sql), [...params])).rowCount ?? 0;
        } catch (error) {
          throw fromPostgresError(error, location);
        }
      },
    };
  }

  return {
    dialect,
    ...executor(pool),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw fromPostgresError(error, location);
      }
      const tx = executor(client);
      let broken = false;
      try {
        await tx.run("BEGIN");
        const result = await fn(tx);
        await tx.run("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          // A connection that cannot even roll back is discarded rather than reused.
          broken = true;
        }
        throw fromPostgresError(error, location);
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Rewrites `?` placeholders to `$1…$n`, leaving quoted text alone. */
export function numberPlaceholders(sql: string): string {
  let out = "";
  let index = 0;
  let quote: string | undefined;
  for (const char of sql) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else if (char === "?") {
      index += 1;
      out += `$${index}`;
    } else {
      out += char;
    }
  }
  return out;
}
