import { createFakeClock } from "@seqd/core";
import { describe, expect, it } from "vitest";
import { type ContractContext, claimInput, expectStoreError } from "./context.js";

/** Health, clock skew, closing, migrations and read-only opens. */
export function lifecycleContract(ctx: ContractContext): void {
  describe("health and lifecycle", () => {
    it("health() is ok on a writable store", async () => {
      expect(await ctx.store.health()).toEqual({ ok: true });
    });

    it("measures the store's clock against the injected one", async () => {
      // The store's clock is the real one; ours runs an hour behind it.
      const behind = createFakeClock(new Date(Date.now() - 3_600_000));
      const store = await ctx.open({ clock: behind });
      const { skewMs, roundTripMs } = await store.clockSkew();
      expect(Math.abs(skewMs - 3_600_000)).toBeLessThan(60_000);
      expect(roundTripMs).toBe(0);
    });

    it("describes the backend and schema version", async () => {
      const info = await ctx.store.describe();
      expect(info).toMatchObject({ schemaVersion: 1, readOnly: false });
      expect(info.location).not.toMatch(/:[^:/@]+@/);
      expect(Object.keys(info.settings).length).toBeGreaterThan(0);
    });

    it("a closed store refuses every call with CLOSED; close is idempotent", async () => {
      await ctx.store.close();
      await ctx.store.close();
      await expectStoreError(ctx.store.claimFiring(claimInput()), "CLOSED");
      await expectStoreError(ctx.store.listFirings({ limit: 1 }), "CLOSED");
      expect(await ctx.store.health()).toMatchObject({ ok: false, code: "CLOSED" });
    });

    it("close waits for operations already running", async () => {
      const claim = ctx.store.claimFiring(claimInput());
      const closed = ctx.store.close();
      expect(await claim).toMatchObject({ claimed: true });
      await closed;
      if (ctx.shared) {
        const reopened = await ctx.open();
        expect(await reopened.listFirings({ limit: 10 })).toHaveLength(1);
      }
    });
  });

  if (!ctx.shared) return;

  describe("migrations and read-only opens", () => {
    it("reopening runs no migration twice and keeps the data", async () => {
      await ctx.store.claimFiring(claimInput());
      await ctx.store.close();
      const again = await ctx.open();
      await again.close();
      const third = await ctx.open();
      expect(await third.listFirings({ limit: 10 })).toHaveLength(1);
      expect(await ctx.harness.raw("SELECT version, name FROM schema_migrations ORDER BY version")).toEqual([
        { version: 1, name: "initial" },
      ]);
    });

    it("refuses a schema newer than this code knows, with MIGRATION", async () => {
      await ctx.store.close();
      await ctx.harness.raw(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from-the-future', '2030-01-01T00:00:00.000Z')",
      );
      const error = await expectStoreError(ctx.open(), "MIGRATION");
      expect(error.message).toContain("999");
    });

    it("opens read-only: reads work, writes fail READ_ONLY, health is not ok", async () => {
      await ctx.store.claimFiring(claimInput());
      await ctx.store.putBalances([
        { account: "checking", ok: true, cents: 500, fetchedAt: ctx.clock.now() },
      ]);
      await ctx.store.close();
      const readOnly = await ctx.open({ readOnly: true });
      expect(await readOnly.listFirings({ limit: 10 })).toHaveLength(1);
      expect((await readOnly.getBalances()).get("checking")?.lastGood?.cents).toBe(500);
      await expectStoreError(
        readOnly.claimFiring(claimInput({ occurrence: "o2", idempotencyKey: "k2" })),
        "READ_ONLY",
      );
      await expectStoreError(readOnly.acquireLease({ name: "l", holder: "h", ttlMs: 1_000 }), "READ_ONLY");
      expect(await readOnly.health()).toMatchObject({ ok: false, code: "READ_ONLY" });
      expect(await readOnly.describe()).toMatchObject({ readOnly: true });
    });
  });
}
