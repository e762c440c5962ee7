import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSerialQueue } from "./serial-queue.js";
import { createSqliteDriver } from "./sqlite-driver.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "seqd-driver-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A driver on a file whose write lock another connection ("the other process") holds. */
function lockedSetup() {
  const file = join(dir, "db.sqlite");
  const db = new Database(file, { timeout: 0 });
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE t (v INTEGER)");
  const other = new Database(file, { timeout: 0 });
  other.exec("BEGIN IMMEDIATE");
  const pauses: number[] = [];
  const driver = createSqliteDriver({
    db,
    location: `sqlite:${file}`,
    queue: createSerialQueue(),
    lockWaitMs: 5_000,
    // The other process commits while we wait.
    pause: async (ms) => {
      pauses.push(ms);
      if (other.inTransaction) other.exec("COMMIT");
    },
  });
  return { driver, other, pauses };
}

describe("sqlite driver lock waits", () => {
  it("a statement waits asynchronously for another process's write lock, then runs", async () => {
    const { driver, other, pauses } = lockedSetup();
    expect(await driver.run("INSERT INTO t VALUES (1)")).toBe(1);
    expect(pauses).toEqual([2]);
    expect(await driver.all("SELECT v FROM t")).toEqual([{ v: 1 }]);
    other.close();
    await driver.close();
  });

  it("a transaction waits at BEGIN, then runs whole", async () => {
    const { driver, other, pauses } = lockedSetup();
    await driver.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES (1)");
      await tx.run("INSERT INTO t VALUES (2)");
    });
    expect(pauses).toHaveLength(1);
    expect(await driver.all("SELECT COUNT(*) AS n FROM t")).toEqual([{ n: 2 }]);
    other.close();
    await driver.close();
  });

  it("a failing transaction rolls back everything it wrote", async () => {
    const { driver, other } = lockedSetup();
    other.exec("COMMIT");
    const failure = driver.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES (1)");
      await tx.run("INSERT INTO nope VALUES (2)");
    });
    await expect(failure).rejects.toMatchObject({ code: "INTERNAL" });
    expect(await driver.all("SELECT COUNT(*) AS n FROM t")).toEqual([{ n: 0 }]);
    other.close();
    await driver.close();
  });
});
