import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../open-store.js";
import { defineStoreContract, type StoreHarness } from "../store-contract.js";

/** A fresh database file in its own temp directory, reached by `sqlite:` URL. */
export function sqliteFileHarness(): StoreHarness {
  const dir = mkdtempSync(join(tmpdir(), "seqd-store-"));
  const file = join(dir, "seqd.db");
  return {
    open: ({ clock, readOnly }) =>
      openStore("sqlite:./seqd.db", { clock, cwd: dir, ...(readOnly === undefined ? {} : { readOnly }) }),
    async raw(sql) {
      const db = new Database(file);
      try {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all() as Record<string, unknown>[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    async destroy() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

defineStoreContract({ name: "sqlite file", shared: true, createHarness: async () => sqliteFileHarness() });

defineStoreContract({
  name: "sqlite :memory:",
  shared: false,
  createHarness: async () => ({
    open: ({ clock, readOnly }) =>
      openStore("sqlite::memory:", { clock, ...(readOnly === undefined ? {} : { readOnly }) }),
    raw: () => Promise.reject(new Error("an in-memory database cannot be reached from outside its store")),
    destroy: async () => {},
  }),
});
