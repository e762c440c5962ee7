import { afterEach, describe, expect, it } from "vitest";
import { createWatchedPool, type WatchedPool } from "./watched-pool.js";

describe("createWatchedPool", () => {
  let pool: WatchedPool<{ spin: boolean }, string> | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it("answers requests, and reports a request that overruns its budget as a hang and carries on", async () => {
    pool = poolOf("spin-worker.ts");
    expect(await pool.run({ spin: false })).toEqual({ ok: true, value: "done" });
    const hung = await pool.run({ spin: true });
    expect(hung).toMatchObject({ ok: false, reason: "hang" });
    // The replacement worker serves the next request.
    expect(await pool.run({ spin: false })).toEqual({ ok: true, value: "done" });
    expect(pool.restarts()).toBe(1);
  });

  it("fails every request when the worker module cannot load, instead of respawning forever", async () => {
    pool = poolOf("missing-worker.ts");
    expect(await pool.run({ spin: false })).toMatchObject({ ok: false, reason: "worker-died" });
    expect(await pool.run({ spin: false })).toMatchObject({ ok: false, reason: "worker-died" });
  });
});

function poolOf(fixture: string): WatchedPool<{ spin: boolean }, string> {
  return createWatchedPool({
    worker: new URL(`../test/fixtures/${fixture}`, import.meta.url),
    size: 1,
    budgetMs: 1_000,
  });
}
