import type { Clock } from "@seqd/core";
import { StoreError, type StoreErrorCode } from "../errors.js";
import type { Migration, SqlDriver, SqlExecutor } from "./driver.js";
import { readOptionalInt } from "./row.js";

// Environmental failures keep their own code: "disk full" is more useful than "migration failed".
const KEEP: ReadonlySet<StoreErrorCode> = new Set<StoreErrorCode>([
  "READ_ONLY",
  "DISK_FULL",
  "CORRUPT",
  "LOCKED",
  "UNAVAILABLE",
  "CLOSED",
  "MIGRATION",
]);

/**
 * Brings the schema to the newest version in `migrations`, one transaction per migration,
 * each recorded in `schema_migrations`. Concurrent openers serialise on a lock and re-check
 * the version inside it, so each migration runs once. A schema newer than the code is
 * refused; a read-only open never migrates. Returns the schema version.
 */
export async function migrate(
  driver: SqlDriver,
  options: { clock: Clock; readOnly: boolean; migrations?: readonly Migration[] },
): Promise<number> {
  const migrations = options.migrations ?? driver.dialect.migrations;
  assertContiguous(migrations);
  const latest = migrations.at(-1)?.version ?? 0;

  if (options.readOnly) {
    const current = (await driver.dialect.migrationsTableExists(driver)) ? await readVersion(driver) : 0;
    assertNotNewer(current, latest);
    if (current < latest) {
      throw new StoreError(
        "MIGRATION",
        `store schema is at version ${current} but this seqd needs ${latest}: open it once read-write to migrate`,
      );
    }
    return current;
  }

  await guard("preparing the schema_migrations table", () =>
    driver.transaction(async (tx) => {
      await driver.dialect.lockMigrations(tx);
      await driver.dialect.prepareSchema(tx);
      await tx.run(driver.dialect.migrationsTableDdl);
    }),
  );
  assertNotNewer(await readVersion(driver), latest);

  for (const migration of migrations) {
    await guard(`migration ${migration.version} (${migration.name}) failed`, () =>
      driver.transaction(async (tx) => {
        await driver.dialect.lockMigrations(tx);
        const current = await readVersion(tx);
        assertNotNewer(current, latest);
        if (current >= migration.version) return;
        for (const statement of migration.statements) await tx.run(statement);
        await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
          migration.version,
          migration.name,
          options.clock.now().toISOString(),
        ]);
      }),
    );
  }
  return readVersion(driver);
}

async function readVersion(db: SqlExecutor): Promise<number> {
  const [row] = await db.all("SELECT MAX(version) AS version FROM schema_migrations");
  return (row === undefined ? undefined : readOptionalInt(row, "version")) ?? 0;
}

function assertNotNewer(current: number, latest: number): void {
  if (current > latest) {
    throw new StoreError(
      "MIGRATION",
      `store schema version ${current} is newer than this seqd knows (${latest}): upgrade seqd, or point it at another store`,
    );
  }
}

function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new StoreError(
        "INTERNAL",
        `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}

async function guard<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError && KEEP.has(error.code)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError("MIGRATION", `${what}: ${detail}`, { cause: error });
  }
}
