import { describe, expect, it } from "vitest";
import { at, type ContractContext } from "./context.js";

const TTL = 30_000;
const lease = (holder: string) => ({ name: "dispatcher", holder, ttlMs: TTL });

/** Leadership: compare-and-set on a lease row, expiry by the injected clock, fencing tokens. */
export function leasesContract(ctx: ContractContext): void {
  describe("leases", () => {
    it("grants a free lease with token 1 and refuses a second holder while it lives", async () => {
      expect(await ctx.store.acquireLease(lease("a"))).toEqual({
        leader: true,
        holder: "a",
        fencingToken: 1,
        expiresAt: at(TTL),
      });
      ctx.clock.advance(TTL - 1);
      expect(await ctx.store.acquireLease(lease("b"))).toEqual({
        leader: false,
        holder: "a",
        fencingToken: 1,
        expiresAt: at(TTL),
      });
    });

    it("re-acquiring our own live lease extends it and keeps the term", async () => {
      await ctx.store.acquireLease(lease("a"));
      ctx.clock.advance(10_000);
      expect(await ctx.store.acquireLease(lease("a"))).toMatchObject({
        leader: true,
        fencingToken: 1,
        expiresAt: at(10_000 + TTL),
      });
    });

    it("expires by the injected clock, exactly at expiresAt; the next holder gets a higher token", async () => {
      await ctx.store.acquireLease(lease("a"));
      ctx.clock.advance(TTL);
      expect(await ctx.store.acquireLease(lease("b"))).toEqual({
        leader: true,
        holder: "b",
        fencingToken: 2,
        expiresAt: at(2 * TTL),
      });
    });

    it("a stale leader can neither renew nor release", async () => {
      const a = await ctx.store.acquireLease(lease("a"));
      ctx.clock.advance(TTL + 1);
      const b = await ctx.store.acquireLease(lease("b"));
      expect(await ctx.store.renewLease({ ...lease("a"), fencingToken: a.fencingToken })).toEqual({
        leader: false,
        holder: "b",
        fencingToken: b.fencingToken,
        expiresAt: b.expiresAt,
      });
      expect(
        await ctx.store.releaseLease({ name: "dispatcher", holder: "a", fencingToken: a.fencingToken }),
      ).toBe(false);
      expect(await ctx.store.acquireLease(lease("c"))).toMatchObject({ leader: false, holder: "b" });
    });

    it("an expired lease cannot be renewed even if nobody took it: re-acquire starts a new term", async () => {
      const a = await ctx.store.acquireLease(lease("a"));
      ctx.clock.advance(TTL);
      expect(await ctx.store.renewLease({ ...lease("a"), fencingToken: a.fencingToken })).toMatchObject({
        leader: false,
      });
      expect(await ctx.store.acquireLease(lease("a"))).toMatchObject({ leader: true, fencingToken: 2 });
    });

    it("renewing a live lease extends it with the same token", async () => {
      const a = await ctx.store.acquireLease(lease("a"));
      ctx.clock.advance(TTL - 1);
      expect(await ctx.store.renewLease({ ...lease("a"), fencingToken: a.fencingToken })).toEqual({
        leader: true,
        holder: "a",
        fencingToken: 1,
        expiresAt: at(2 * TTL - 1),
      });
      ctx.clock.advance(TTL - 1);
      expect(await ctx.store.acquireLease(lease("b"))).toMatchObject({ leader: false });
    });

    it("release lets a standby take over at once, with the next token", async () => {
      const a = await ctx.store.acquireLease(lease("a"));
      expect(
        await ctx.store.releaseLease({ name: "dispatcher", holder: "a", fencingToken: a.fencingToken }),
      ).toBe(true);
      expect(await ctx.store.acquireLease(lease("b"))).toMatchObject({
        leader: true,
        holder: "b",
        fencingToken: 2,
      });
    });

    it("keeps leases of different names apart", async () => {
      await ctx.store.acquireLease(lease("a"));
      expect(await ctx.store.acquireLease({ name: "poller", holder: "b", ttlMs: TTL })).toMatchObject({
        leader: true,
        fencingToken: 1,
      });
    });

    if (ctx.shared) {
      it("two stores contending for one lease: exactly one leader", async () => {
        const other = await ctx.open();
        for (let round = 0; round < 10; round++) {
          const results = await Promise.all([
            ctx.store.acquireLease(lease("a")),
            other.acquireLease(lease("b")),
          ]);
          expect(results.filter((r) => r.leader)).toHaveLength(1);
          const winner = results.find((r) => r.leader);
          await ctx.store.releaseLease({
            name: "dispatcher",
            holder: winner?.holder ?? "",
            fencingToken: winner?.fencingToken ?? 0,
          });
        }
        expect((await ctx.store.acquireLease(lease("z"))).fencingToken).toBe(11);
      });
    }
  });
}
