import { createFakeClock } from "@seqd/core";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { expectStoreError } from "../contract/context.js";
import { openStore } from "../open-store.js";
import { defineStoreContract, type StoreHarness } from "../store-contract.js";

// The project's machines run Postgres here with trust auth; SEQD_TEST_PG_URL overrides it.
const explicitUrl = process.env["SEQD_TEST_PG_URL"];
const url = explicitUrl ?? "postgres://postgres@127.0.0.1:5432/test";
const unreachable = await probe(url);

let schemas = 0;
const admin = unreachable === undefined ? new pg.Pool({ connectionString: url, max: 2 }) : undefined;
afterAll(async () => {
  await admin?.end();
});

/** A throwaway schema per test, dropped afterwards. */
function postgresHarness(pool: pg.Pool): StoreHarness {
  schemas += 1;
  const schema = `seqd_test_${process.pid}_${schemas}`;
  return {
    open: ({ clock, readOnly }) =>
      openStore(url, { clock, schema, ...(readOnly === undefined ? {} : { readOnly }) }),
    async raw(sql) {
      const client = await pool.connect();
      try {
        await client.query(`SET search_path TO ${schema}`);
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        client.release();
      }
    },
    async destroy() {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

if (admin !== undefined) {
  defineStoreContract({ name: "postgres", shared: true, createHarness: async () => postgresHarness(admin) });

  describe("postgres specifics", () => {
    it("uses the schema named by ?schema= in the URL", async () => {
      const harness = postgresHarness(admin);
      const schema = `seqd_test_${process.pid}_${schemas}`;
      const store = await openStore(`${url}?schema=${schema}`, { clock: createFakeClock() });
      try {
        const tables = await admin.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
          [schema],
        );
        expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toContain("firings");
        expect((await store.describe()).settings).toMatchObject({ schema });
      } finally {
        await store.close();
        await harness.destroy();
      }
    });

    it("two daemons migrating a fresh schema at once apply each migration once", async () => {
      const harness = postgresHarness(admin);
      const clock = createFakeClock();
      try {
        const stores = await Promise.all([
          harness.open({ clock }),
          harness.open({ clock }),
          harness.open({ clock }),
        ]);
        await Promise.all(stores.map((store) => store.close()));
        expect(await harness.raw("SELECT version FROM schema_migrations")).toEqual([{ version: 1 }]);
      } finally {
        await harness.destroy();
      }
    });
  });
} else if (explicitUrl === undefined) {
  console.warn(`Postgres store tests skipped: ${unreachable} (set SEQD_TEST_PG_URL to require them)`);
  describe.skip(`Store contract: postgres — skipped, ${unreachable}`, () => {
    it("needs a reachable Postgres", () => {});
  });
} else {
  describe("Store contract: postgres", () => {
    it("reaches the Postgres named by SEQD_TEST_PG_URL", () => {
      throw new Error(`SEQD_TEST_PG_URL is set but Postgres is unreachable: ${unreachable}`);
    });
  });
}

describe("postgres connection failures", () => {
  it("an unreachable server is UNAVAILABLE at open, and the message hides the password", async () => {
    const error = await expectStoreError(
      openStore("postgres://seqd:hunter2@127.0.0.1:1/test", { postgres: { connectTimeoutMs: 2_000 } }),
      "UNAVAILABLE",
    );
    expect(error.message).not.toContain("hunter2");
  });
});

async function probe(connectionString: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `cannot reach ${connectionString.replace(/:[^:@/]*@/, ":***@")}: ${String(error)}`;
  } finally {
    await client.end().catch(() => {});
  }
}
