/**
 * The small seam between the shared SQL store and a database. Statements are written once,
 * with `?` placeholders, in the SQL both SQLite (≥ 3.35) and Postgres accept: `ON CONFLICT`,
 * `RETURNING`, partial indexes. Timestamps travel as ISO strings; each driver reads them back
 * (SQLite: text, Postgres: timestamptz → Date) and `row.ts` normalises both.
 */

/** A bound parameter. Dates are passed as ISO strings, money as integer numbers. */
export type SqlValue = string | number | null;

/** A result row, by column name. */
export type Row = Readonly<Record<string, unknown>>;

/** Runs statements; inside a transaction, on that transaction. */
export interface SqlExecutor {
  /** Runs a statement that returns rows (SELECT, or a write with RETURNING). */
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** One versioned schema change; `statements` run in order inside one transaction. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** What differs between the two databases, beyond the driver calls. */
export interface Dialect {
  readonly kind: "sqlite" | "postgres";
  /** Appended to a SELECT that must lock the rows it reads until commit ("" where the whole write is serialised). */
  readonly forUpdate: string;
  /** Like `forUpdate` but shared: blocks writers of those rows, not other readers. */
  readonly forShare: string;
  /** Largest number of bound parameters in one statement. */
  readonly maxParams: number;
  /** One row with column `now`: the database server's current time. */
  readonly nowQuery: string;
  readonly migrations: readonly Migration[];
  readonly migrationsTableDdl: string;
  /** Serialises migration runs across processes (inside a transaction). */
  lockMigrations(tx: SqlExecutor): Promise<void>;
  /** Creates what must exist before the migrations table (a Postgres schema). */
  prepareSchema(tx: SqlExecutor): Promise<void>;
  migrationsTableExists(db: SqlExecutor): Promise<boolean>;
  /** Connection settings worth logging, as name → value. */
  settings(db: SqlExecutor): Promise<Record<string, string>>;
}

/** A connection (SQLite) or a pool (Postgres) with transactions. */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction: commit if it resolves, roll back if it throws. On SQLite the
   * transaction takes the write lock up front (BEGIN IMMEDIATE), so concurrent writers
   * queue instead of failing on a lock upgrade.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes after running work finishes. */
  close(): Promise<void>;
}
