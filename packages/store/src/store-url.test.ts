import { describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import { parseStoreUrl, redactStoreUrl } from "./store-url.js";

const cwd = "/srv/seqd";

describe("parseStoreUrl", () => {
  it.each([
    ["sqlite:./seqd.db", "/srv/seqd/seqd.db"],
    ["sqlite:seqd.db", "/srv/seqd/seqd.db"],
    ["sqlite:../data/seqd.db", "/srv/data/seqd.db"],
    ["sqlite:/var/lib/seqd/seqd.db", "/var/lib/seqd/seqd.db"],
    ["sqlite::memory:", ":memory:"],
  ])("reads %s as the SQLite file %s", (url, file) => {
    expect(parseStoreUrl(url, { cwd })).toMatchObject({ kind: "sqlite", file });
  });

  it("reads postgres:// and postgresql:// URLs, taking ?schema= out of the connection string", () => {
    expect(
      parseStoreUrl("postgres://seqd:s3cret@db.internal:5432/seqd?schema=ha&sslmode=require", { cwd }),
    ).toEqual({
      kind: "postgres",
      connectionString: "postgres://seqd:s3cret@db.internal:5432/seqd?sslmode=require",
      schema: "ha",
      location: "postgres://seqd:***@db.internal:5432/seqd?sslmode=require&schema=ha",
    });
    expect(parseStoreUrl("postgresql://db/seqd", { cwd, schema: "x" })).toMatchObject({
      kind: "postgres",
      schema: "x",
    });
  });

  it.each([
    ["mysql://u:pw@h/db", 'unsupported store URL "mysql://u:***@h/db": use sqlite:<path>'],
    ["seqd.db", 'unsupported store URL "seqd.db"'],
    ["sqlite:", 'store URL "sqlite:" names no file'],
    ["sqlite://seqd.db", "is ambiguous"],
    ["postgres://db/seqd?schema=drop;table", 'invalid Postgres schema name "drop;table"'],
  ])("refuses %s with a clear INVALID_URL", (url, message) => {
    const error = catchError(() => parseStoreUrl(url, { cwd }));
    expect(error).toMatchObject({ code: "INVALID_URL" });
    expect(error.message).toContain(message);
  });

  it("refuses a schema option that contradicts the URL", () => {
    expect(() => parseStoreUrl("postgres://db/seqd?schema=a", { cwd, schema: "b" })).toThrow(/conflicts/);
  });
});

describe("redactStoreUrl", () => {
  it("hides passwords in the authority and in parameters", () => {
    expect(redactStoreUrl("postgres://seqd:p@ss/w0rd@db/seqd")).toBe("postgres://seqd:***@db/seqd");
    expect(redactStoreUrl("postgres://db/seqd?user=a&password=hunter2&x=1")).toBe(
      "postgres://db/seqd?user=a&password=***&x=1",
    );
    expect(redactStoreUrl("postgres://seqd@db/seqd")).toBe("postgres://seqd@db/seqd");
  });
});

function catchError(run: () => unknown): StoreError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error("expected a StoreError");
}
