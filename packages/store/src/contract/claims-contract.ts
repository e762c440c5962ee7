import { describe, expect, it } from "vitest";
import type { ClaimFiringInput, ClaimResult } from "../types.js";
import { CONTRACT_START, type ContractContext, claimInput, expectStoreError } from "./context.js";

/** Claim-before-call: one row per occurrence and per key, under races and leader changes. */
export function claimsContract(ctx: ContractContext): void {
  describe("claims", () => {
    it("claims an occurrence with every field stamped from the input and the clock", async () => {
      const result = await ctx.store.claimFiring(claimInput());
      expect(result).toEqual({
        claimed: true,
        firing: {
          id: expect.any(Number),
          triggerId: "payday-sweep",
          occurrence: "2026-03-01T15:00:00.000Z",
          idempotencyKey: "payday-sweep:20260301T1500",
          ruleId: "sweep-to-savings",
          status: "claimed",
          attempts: 0,
          lastErrorCode: undefined,
          lastErrorMessage: undefined,
          requestId: undefined,
          reason: undefined,
          configHash: "cfg-1",
          fencingToken: undefined,
          createdAt: new Date(CONTRACT_START),
          updatedAt: new Date(CONTRACT_START),
          sentAt: undefined,
          completedAt: undefined,
          nextAttemptAt: undefined,
        },
      });
    });

    it("a second claim of the same occurrence writes nothing and returns the first row", async () => {
      const first = await ctx.store.claimFiring(claimInput());
      ctx.clock.advance(60_000);
      const second = await ctx.store.claimFiring(
        claimInput({ idempotencyKey: "other-key", configHash: "cfg-2" }),
      );
      expect(first.claimed).toBe(true);
      expect(second).toEqual({
        claimed: false,
        existing: first.claimed ? first.firing : undefined,
        conflict: "occurrence",
      });
      expect(await ctx.store.listFirings({ limit: 10 })).toHaveLength(1);
    });

    it("a second claim with the same idempotency key writes nothing", async () => {
      const first = await ctx.store.claimFiring(claimInput());
      const second = await ctx.store.claimFiring(claimInput({ occurrence: "2026-03-15T15:00:00.000Z" }));
      expect(second).toMatchObject({ claimed: false, conflict: "idempotency-key" });
      expect(second.claimed ? undefined : second.existing.id).toBe(first.claimed ? first.firing.id : -1);
      expect(await ctx.store.listFirings({ limit: 10 })).toHaveLength(1);
    });

    it("records missed and skipped decisions through the same uniqueness, finished at once", async () => {
      const missed = await ctx.store.claimFiring(claimInput({ status: "missed", reason: "daemon down" }));
      expect(missed).toMatchObject({
        claimed: true,
        firing: { status: "missed", reason: "daemon down", completedAt: new Date(CONTRACT_START) },
      });
      const late = await ctx.store.claimFiring(claimInput({ idempotencyKey: "late-key" }));
      expect(late).toMatchObject({ claimed: false, conflict: "occurrence", existing: { status: "missed" } });

      const skipped = await ctx.store.claimFiring(
        claimInput({ occurrence: "o-2", idempotencyKey: "k-2", status: "skipped", reason: "maxPerDay" }),
      );
      expect(skipped).toMatchObject({ claimed: true, firing: { status: "skipped", reason: "maxPerDay" } });
    });

    it("refuses a missed or skipped record without a reason", async () => {
      await expectStoreError(ctx.store.claimFiring(claimInput({ status: "missed" })), "INVALID_INPUT");
      await expectStoreError(ctx.store.claimFiring(claimInput({ status: "skipped" })), "INVALID_INPUT");
      expect(await ctx.store.listFirings({ limit: 10 })).toEqual([]);
    });

    it("keeps dry-run records apart: a dry run never blocks a live firing", async () => {
      const dry = await ctx.store.claimFiring(claimInput({ status: "dry-run" }));
      const live = await ctx.store.claimFiring(claimInput());
      const dryAgain = await ctx.store.claimFiring(claimInput({ status: "dry-run" }));
      expect(dry).toMatchObject({ claimed: true, firing: { status: "dry-run" } });
      expect(live).toMatchObject({ claimed: true, firing: { status: "claimed" } });
      expect(dryAgain).toMatchObject({
        claimed: false,
        conflict: "occurrence",
        existing: { status: "dry-run" },
      });
    });

    it.each<[string, Partial<ClaimFiringInput>]>([
      ["an empty trigger id", { triggerId: "" }],
      ["an empty occurrence", { occurrence: "" }],
      ["a 37-character key", { idempotencyKey: "k".repeat(37) }],
      ["a key with a space", { idempotencyKey: "pay day" }],
      ["an unknown status", { status: "accepted" as never }],
      ["a non-string rule id", { ruleId: 7 as never }],
    ])("refuses a claim with %s and writes nothing", async (_, override) => {
      await expectStoreError(ctx.store.claimFiring(claimInput(override)), "INVALID_INPUT");
      expect(await ctx.store.listFirings({ limit: 10 })).toEqual([]);
    });

    it("50 concurrent claims of one occurrence on one store: exactly one wins", async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => ctx.store.claimFiring(claimInput({ configHash: `cfg-${i}` }))),
      );
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      expect(await ctx.store.listFirings({ limit: 100 })).toHaveLength(1);
    });
  });

  if (ctx.shared) {
    describe("claims across connections", () => {
      it("two stores racing 100 claims each on one database: exactly one winner per occurrence", async () => {
        const other = await ctx.open();
        const racing: Promise<ClaimResult>[] = [];
        for (let i = 0; i < 100; i++) {
          // Both stores ask for the same occurrence back to back, so the claims really contend.
          for (const [store, name] of [
            [ctx.store, "a"],
            [other, "b"],
          ] as const) {
            racing.push(
              store.claimFiring(
                claimInput({ occurrence: `occ-${i}`, idempotencyKey: `key-${i}`, configHash: name }),
              ),
            );
          }
        }
        const winners = (await Promise.all(racing)).filter((r) => r.claimed);
        expect(winners).toHaveLength(100);
        expect(new Set(winners.map((r) => r.firing.occurrence)).size).toBe(100);
        expect(await ctx.store.listFirings({ limit: 1000 })).toHaveLength(100);
      });
    });
  }

  describe("fenced claims", () => {
    it("accepts the current lease term and records it on the firing", async () => {
      const lease = await ctx.store.acquireLease({ name: "dispatcher", holder: "a", ttlMs: 30_000 });
      const result = await ctx.store.claimFiring(
        claimInput({ fencing: { lease: "dispatcher", token: lease.fencingToken } }),
      );
      expect(result).toMatchObject({ claimed: true, firing: { fencingToken: lease.fencingToken } });
    });

    it("refuses a deposed leader's claim with FENCED and writes nothing", async () => {
      const old = await ctx.store.acquireLease({ name: "dispatcher", holder: "a", ttlMs: 30_000 });
      ctx.clock.advance(30_000);
      const current = await ctx.store.acquireLease({ name: "dispatcher", holder: "b", ttlMs: 30_000 });
      expect(current.fencingToken).toBeGreaterThan(old.fencingToken);

      const error = await expectStoreError(
        ctx.store.claimFiring(claimInput({ fencing: { lease: "dispatcher", token: old.fencingToken } })),
        "FENCED",
      );
      expect(error.message).toContain("no longer the leader");
      expect(await ctx.store.listFirings({ limit: 10 })).toEqual([]);
    });

    it("refuses a token for a lease that was never acquired", async () => {
      await expectStoreError(
        ctx.store.claimFiring(claimInput({ fencing: { lease: "nobody", token: 1 } })),
        "FENCED",
      );
    });
  });
}
