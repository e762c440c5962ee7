import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createFakeClock } from "@seqd/core";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimInput, expectStoreError } from "../contract/context.js";
import { openStore } from "../open-store.js";
import type { Store } from "../store.js";

let dir: string;
const opened: Store[] = [];
const clock = createFakeClock("2026-03-01T12:00:00Z");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "seqd-sqlite-"));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function open(url = "sqlite:./seqd.db", options: Parameters<typeof openStore>[1] = {}): Promise<Store> {
  const store = await openStore(url, { clock, cwd: dir, ...options });
  opened.push(store);
  return store;
}

describe("sqlite files and settings", () => {
  it("resolves a relative path against cwd and runs WAL, synchronous=FULL, foreign keys, busy timeout", async () => {
    const store = await open();
    expect(existsSync(join(dir, "seqd.db"))).toBe(true);
    expect(await store.describe()).toMatchObject({
      kind: "sqlite",
      location: `sqlite:${join(dir, "seqd.db")}`,
      settings: {
        journalMode: "wal",
        synchronous: "FULL",
        foreignKeys: "1",
        busyTimeoutMs: "5000",
        nativeBusyTimeoutMs: "20",
      },
    });
  });

  it("accepts synchronous=NORMAL and a custom busy timeout when asked", async () => {
    const store = await open("sqlite:./fast.db", { sqlite: { synchronous: "normal", busyTimeoutMs: 250 } });
    expect((await store.describe()).settings).toMatchObject({ synchronous: "NORMAL", busyTimeoutMs: "250" });
  });

  it("a file that is not a database is CORRUPT at open, not a crash", async () => {
    writeFileSync(join(dir, "seqd.db"), Buffer.alloc(16_384, "not a database! "));
    const error = await expectStoreError(open(), "CORRUPT");
    expect(error.message).toContain(join(dir, "seqd.db"));
    expect(error.message).toContain("SQLITE_NOTADB");
  });

  it("a database whose header was overwritten is CORRUPT at open", async () => {
    const store = await open();
    await store.claimFiring(claimInput());
    await store.close();
    const db = new Database(join(dir, "seqd.db"));
    db.close();
    writeFileSync(join(dir, "seqd.db"), Buffer.alloc(4_096, 0xff), { flag: "r+" });
    await expectStoreError(open(), "CORRUPT");
  });

  it("a missing directory is UNAVAILABLE", async () => {
    await expectStoreError(open("sqlite:./no/such/dir/seqd.db"), "UNAVAILABLE");
  });

  it("refuses to open an in-memory store read-only", async () => {
    await expectStoreError(open("sqlite::memory:", { readOnly: true }), "INVALID_INPUT");
  });

  it("a read-only open never creates a file", async () => {
    await expectStoreError(open("sqlite:./absent.db", { readOnly: true }), "UNAVAILABLE");
    expect(existsSync(join(dir, "absent.db"))).toBe(false);
  });

  it("a read-only open of a database this code never migrated is MIGRATION", async () => {
    const db = new Database(join(dir, "other.db"));
    db.exec("CREATE TABLE unrelated (x INTEGER)");
    db.close();
    const error = await expectStoreError(open("sqlite:./other.db", { readOnly: true }), "MIGRATION");
    expect(error.message).toContain("open it once read-write");
  });
});

describe("sqlite lock contention", () => {
  it("a write lock held elsewhere past the busy timeout is LOCKED; health says so; it clears", async () => {
    const store = await open("sqlite:./seqd.db", { sqlite: { busyTimeoutMs: 0 } });
    const other = new Database(join(dir, "seqd.db"));
    other.exec("BEGIN IMMEDIATE");
    try {
      await expectStoreError(store.claimFiring(claimInput()), "LOCKED");
      expect(await store.health()).toMatchObject({ ok: false, code: "LOCKED" });
      expect(await store.listFirings({ limit: 1 })).toEqual([]);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(await store.claimFiring(claimInput())).toMatchObject({ claimed: true });
    expect(await store.health()).toEqual({ ok: true });
  });

  it("two processes racing 100 claims each on one file: exactly one winner per occurrence", async () => {
    const file = join(dir, "race.db");
    // Create and migrate first, so both children only race on claims.
    await (await open("sqlite:./race.db")).close();
    const children = [startChild(file, "a", "asc"), startChild(file, "b", "desc")];
    await Promise.all(children.map((child) => child.line()));
    for (const child of children) child.process.stdin.write("go\n");
    const outputs = await Promise.all(
      children.map(async (child) => JSON.parse(await child.line()) as { won: string[] }),
    );
    expect(await Promise.all(children.map((child) => child.exited))).toEqual([0, 0]);

    const won = outputs.flatMap((output) => output.won);
    expect(won).toHaveLength(100);
    expect(new Set(won).size).toBe(100);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM firings").get()).toEqual({ n: 100 });
    } finally {
      db.close();
    }
  }, 60_000);
});

interface Child {
  process: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  line(): Promise<string>;
}

function startChild(file: string, name: string, order: "asc" | "desc"): Child {
  const script = fileURLToPath(new URL("./race-claims-child.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, file, name, order], { stdio: "pipe" });
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  // Listen for the exit now: a child may finish before the test gets round to waiting for it.
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    process: child,
    exited,
    async line() {
      const next = await lines.next();
      if (next.done === true) throw new Error(`child ${name} ended without output`);
      return next.value;
    },
  };
}
