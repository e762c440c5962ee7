import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { StoreError } from "../errors.js";
import { fromSqliteError } from "./sqlite-errors.js";

const location = "sqlite:/srv/seqd.db";

/** Runs `work` on a fresh in-memory database and returns what better-sqlite3 threw. */
function thrownBy(work: (db: Database.Database) => void): unknown {
  const db = new Database(":memory:");
  try {
    work(db);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error("expected better-sqlite3 to throw");
}

describe("fromSqliteError", () => {
  it("maps a genuine SQLITE_FULL (size limit reached) to DISK_FULL", () => {
    const error = thrownBy((db) => {
      db.exec("CREATE TABLE t (v TEXT)");
      db.pragma("max_page_count = 2");
      for (let i = 0; i < 100; i++) db.prepare("INSERT INTO t VALUES (?)").run("x".repeat(1_000));
    });
    expect(fromSqliteError(error, location)).toMatchObject({
      code: "DISK_FULL",
      message: "sqlite:/srv/seqd.db: database or disk is full (SQLITE_FULL)",
    });
  });

  it("maps a genuine unique violation to CONSTRAINT, by its primary code", () => {
    const error = thrownBy((db) => {
      db.exec("CREATE TABLE t (v TEXT UNIQUE); INSERT INTO t VALUES ('a'); INSERT INTO t VALUES ('a')");
    });
    expect(fromSqliteError(error, location)).toMatchObject({ code: "CONSTRAINT" });
    expect(fromSqliteError(error, location).message).toContain("SQLITE_CONSTRAINT_UNIQUE");
  });

  it.each([
    ["SQLITE_READONLY", "READ_ONLY"],
    ["SQLITE_READONLY_DBMOVED", "READ_ONLY"],
    ["SQLITE_CORRUPT", "CORRUPT"],
    ["SQLITE_CORRUPT_INDEX", "CORRUPT"],
    ["SQLITE_NOTADB", "CORRUPT"],
    ["SQLITE_BUSY", "LOCKED"],
    ["SQLITE_BUSY_SNAPSHOT", "LOCKED"],
    ["SQLITE_LOCKED", "LOCKED"],
    ["SQLITE_CANTOPEN", "UNAVAILABLE"],
    ["SQLITE_IOERR_FSYNC", "IO"],
    ["SQLITE_MISMATCH", "INTERNAL"],
  ])("maps %s to %s", (code, expected) => {
    const error = Object.assign(new Error("boom"), { code });
    expect(fromSqliteError(error, location).code).toBe(expected);
  });

  it("recognises better-sqlite3's code-less TypeErrors and keeps StoreErrors as they are", () => {
    expect(fromSqliteError(new TypeError("The database connection is not open"), location).code).toBe(
      "CLOSED",
    );
    expect(
      fromSqliteError(new TypeError("Cannot open database because the directory does not exist"), location)
        .code,
    ).toBe("UNAVAILABLE");
    const original = new StoreError("FENCED", "deposed");
    expect(fromSqliteError(original, location)).toBe(original);
  });
});
