import { createFakeClock } from "@seqd/core";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { expectStoreError } from "../contract/context.js";
import { POSTGRES_MIGRATIONS } from "../postgres/postgres-migrations.js";
import { createSerialQueue } from "../sqlite/serial-queue.js";
import { createSqliteDriver } from "../sqlite/sqlite-driver.js";
import { SQLITE_MIGRATIONS } from "../sqlite/sqlite-migrations.js";
import type { Migration } from "./driver.js";
import { migrate } from "./migrate.js";

const clock = createFakeClock("2026-03-01T12:00:00Z");
const first: Migration = { version: 1, name: "first", statements: ["CREATE TABLE a (x INTEGER)"] };

function memoryDriver() {
  return createSqliteDriver({
    db: new Database(":memory:"),
    location: "sqlite::memory:",
    queue: createSerialQueue(),
    lockWaitMs: 0,
  });
}

describe("migrate", () => {
  it("a failing migration rolls back entirely and reports MIGRATION; earlier ones stay", async () => {
    const driver = memoryDriver();
    const broken: Migration = {
      version: 2,
      name: "broken",
      statements: ["CREATE TABLE b (x INTEGER)", "CREATE TABLE a (x INTEGER)"],
    };
    const error = await expectStoreError(
      migrate(driver, { clock, readOnly: false, migrations: [first, broken] }),
      "MIGRATION",
    );
    expect(error.message).toBe(
      "migration 2 (broken) failed: sqlite::memory:: table a already exists (SQLITE_ERROR)",
    );
    expect(await driver.all("SELECT version, name, applied_at FROM schema_migrations")).toEqual([
      { version: 1, name: "first", applied_at: "2026-03-01T12:00:00.000Z" },
    ]);
    expect(await driver.all("SELECT name FROM sqlite_master WHERE name = 'b'")).toEqual([]);
    await driver.close();
  });

  it("applies only what is pending and returns the version", async () => {
    const driver = memoryDriver();
    const second: Migration = { version: 2, name: "second", statements: ["CREATE TABLE b (x INTEGER)"] };
    expect(await migrate(driver, { clock, readOnly: false, migrations: [first] })).toBe(1);
    expect(await migrate(driver, { clock, readOnly: false, migrations: [first, second] })).toBe(2);
    expect(await migrate(driver, { clock, readOnly: false, migrations: [first, second] })).toBe(2);
    expect(await driver.all("SELECT version FROM schema_migrations ORDER BY version")).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    await driver.close();
  });

  it("refuses a migration list with a gap", async () => {
    const driver = memoryDriver();
    await expectStoreError(
      migrate(driver, { clock, readOnly: false, migrations: [{ ...first, version: 2 }] }),
      "INTERNAL",
    );
    await driver.close();
  });

  it("the SQLite and Postgres schemas move in step", () => {
    const outline = (migrations: readonly Migration[]) =>
      migrations.map((m) => ({
        version: m.version,
        name: m.name,
        objects: m.statements.map((sql) => /CREATE (?:UNIQUE )?(?:TABLE|INDEX) (\w+)/.exec(sql)?.[1]),
      }));
    expect(outline(POSTGRES_MIGRATIONS)).toEqual(outline(SQLITE_MIGRATIONS));
  });
});
