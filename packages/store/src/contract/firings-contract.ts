import { describe, expect, it } from "vitest";
import type { FiringStatus } from "../firing-status.js";
import type { Store } from "../store.js";
import type { ClaimFiringInput, Firing } from "../types.js";
import { at, type ContractContext, claimInput, expectStoreError } from "./context.js";

async function claimed(store: Store, overrides: Partial<ClaimFiringInput> = {}): Promise<Firing> {
  const result = await store.claimFiring(claimInput(overrides));
  if (!result.claimed) throw new Error(`expected a new claim for ${result.existing.occurrence}`);
  return result.firing;
}

/** A claimed firing per occurrence, keyed `k-<occurrence>`. */
function occurrence(name: string, overrides: Partial<ClaimFiringInput> = {}): Partial<ClaimFiringInput> {
  return { occurrence: name, idempotencyKey: `k-${name}`, ...overrides };
}

/** Status changes as compare-and-set, attempts, restart recovery, the maxPerDay count, history. */
export function firingsContract(ctx: ContractContext): void {
  describe("firing transitions", () => {
    it("walks claimed → sent → accepted, stamping sentAt, completedAt and the request id", async () => {
      const firing = await claimed(ctx.store);
      ctx.clock.advance(1_000);
      expect(await ctx.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" })).toBe(true);
      ctx.clock.advance(2_000);
      expect(
        await ctx.store.transitionFiring(firing.id, { from: ["sent"], to: "accepted", requestId: "req-42" }),
      ).toBe(true);
      expect(await ctx.store.getFiring(firing.id)).toMatchObject({
        status: "accepted",
        requestId: "req-42",
        sentAt: at(1_000),
        completedAt: at(3_000),
        updatedAt: at(3_000),
        createdAt: at(0),
      });
    });

    it("is a compare-and-set: the loser of two racing outcomes gets false and changes nothing", async () => {
      const firing = await claimed(ctx.store);
      await ctx.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" });
      const [accepted, failed] = await Promise.all([
        ctx.store.transitionFiring(firing.id, { from: ["sent"], to: "accepted", requestId: "r1" }),
        ctx.store.transitionFiring(firing.id, { from: ["sent"], to: "failed", errorCode: "HTTP_400" }),
      ]);
      expect([accepted, failed].filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.getFiring(firing.id)).toMatchObject(
        accepted
          ? { status: "accepted", lastErrorCode: undefined }
          : { status: "failed", requestId: undefined },
      );
    });

    it.each<[FiringStatus[], FiringStatus]>([
      [["accepted"], "failed"],
      [["failed"], "sent"],
      [["ambiguous"], "accepted"],
      [["dry-run"], "claimed"],
      [["claimed"], "accepted"],
      [["claimed"], "dry-run"],
      [["sent"], "skipped"],
      [[], "sent"],
    ])("refuses the illegal transition %j → %s outright", async (from, to) => {
      const firing = await claimed(ctx.store);
      await expectStoreError(ctx.store.transitionFiring(firing.id, { from, to }), "INVALID_TRANSITION");
      expect((await ctx.store.getFiring(firing.id))?.status).toBe("claimed");
    });

    it("moves claimed or sent firings to ambiguous, never back out", async () => {
      const a = await claimed(ctx.store, occurrence("a"));
      const b = await claimed(ctx.store, occurrence("b"));
      await ctx.store.transitionFiring(b.id, { from: ["claimed"], to: "sent" });
      for (const firing of [a, b]) {
        expect(
          await ctx.store.transitionFiring(firing.id, {
            from: ["claimed", "sent"],
            to: "ambiguous",
            reason: "unconfirmed after 24h",
          }),
        ).toBe(true);
        expect(await ctx.store.getFiring(firing.id)).toMatchObject({
          status: "ambiguous",
          reason: "unconfirmed after 24h",
          completedAt: at(0),
        });
      }
    });

    it("needs a reason to skip, and returns false for an unknown firing", async () => {
      const firing = await claimed(ctx.store);
      await expectStoreError(
        ctx.store.transitionFiring(firing.id, { from: ["claimed"], to: "skipped" }),
        "INVALID_INPUT",
      );
      expect(await ctx.store.transitionFiring(firing.id + 1000, { from: ["claimed"], to: "sent" })).toBe(
        false,
      );
    });

    it("clips a huge error message rather than failing to record the failure", async () => {
      const firing = await claimed(ctx.store);
      await ctx.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" });
      const ok = await ctx.store.transitionFiring(firing.id, {
        from: ["sent"],
        to: "failed",
        errorCode: "HTTP_400",
        errorMessage: "x".repeat(50_000),
      });
      const stored = await ctx.store.getFiring(firing.id);
      expect(ok).toBe(true);
      expect(stored?.lastErrorMessage?.length).toBe(2000);
      expect(stored?.lastErrorCode).toBe("HTTP_400");
    });
  });

  describe("attempts", () => {
    it("counts attempts with the last error and the next attempt time", async () => {
      const firing = await claimed(ctx.store);
      await ctx.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" });
      await ctx.store.recordAttempt(firing.id, { errorCode: "HTTP_429", nextAttemptAt: at(5_000) });
      ctx.clock.advance(5_000);
      expect(
        await ctx.store.recordAttempt(firing.id, {
          errorCode: "TIMEOUT",
          errorMessage: "no answer in 10s",
          nextAttemptAt: at(15_000),
        }),
      ).toBe(true);
      expect(await ctx.store.getFiring(firing.id)).toMatchObject({
        attempts: 2,
        lastErrorCode: "TIMEOUT",
        lastErrorMessage: "no answer in 10s",
        nextAttemptAt: at(15_000),
        updatedAt: at(5_000),
      });
      await ctx.store.transitionFiring(firing.id, { from: ["sent"], to: "accepted" });
      expect(await ctx.store.getFiring(firing.id)).toMatchObject({ nextAttemptAt: undefined });
      expect(await ctx.store.recordAttempt(firing.id, {})).toBe(false);
    });
  });

  describe("restart recovery and history", () => {
    it("lists claimed and sent firings, oldest first, and nothing finished", async () => {
      const a = await claimed(ctx.store, occurrence("a"));
      ctx.clock.advance(1_000);
      const b = await claimed(ctx.store, occurrence("b"));
      ctx.clock.advance(1_000);
      const c = await claimed(ctx.store, occurrence("c"));
      await ctx.store.claimFiring(claimInput(occurrence("d", { status: "missed", reason: "down" })));
      await ctx.store.transitionFiring(a.id, { from: ["claimed"], to: "sent" });
      await ctx.store.transitionFiring(c.id, { from: ["claimed"], to: "sent" });
      await ctx.store.transitionFiring(c.id, { from: ["sent"], to: "accepted" });
      const unfinished = await ctx.store.listUnfinished();
      expect(unfinished.map((f) => [f.id, f.status])).toEqual([
        [a.id, "sent"],
        [b.id, "claimed"],
      ]);
    });

    if (ctx.shared) {
      it("finds unfinished firings again after the process dies mid-call and restarts", async () => {
        const a = await claimed(ctx.store, occurrence("a"));
        const b = await claimed(ctx.store, occurrence("b"));
        await ctx.store.transitionFiring(b.id, { from: ["claimed"], to: "sent" });
        // The "crash": the process goes away between the claim and the outcome.
        await ctx.store.close();
        const restarted = await ctx.open();
        const unfinished = await restarted.listUnfinished();
        expect(unfinished.map((f) => [f.id, f.status, f.idempotencyKey])).toEqual([
          [a.id, "claimed", "k-a"],
          [b.id, "sent", "k-b"],
        ]);
        expect(unfinished[1]?.sentAt).toEqual(at(0));
      });
    }

    it("countFired counts what may have moved money inside the window, boundary included", async () => {
      const statuses: [string, FiringStatus][] = [
        ["claimed", "claimed"],
        ["sent", "sent"],
        ["accepted", "accepted"],
        ["ambiguous", "ambiguous"],
        ["failed", "failed"],
      ];
      for (const [name, status] of statuses) {
        const firing = await claimed(ctx.store, occurrence(name));
        if (status === "claimed") continue;
        const viaSent = status === "accepted" || status === "failed" || status === "sent";
        if (viaSent) await ctx.store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" });
        if (status !== "sent") {
          await ctx.store.transitionFiring(firing.id, { from: [viaSent ? "sent" : "claimed"], to: status });
        }
      }
      await ctx.store.claimFiring(claimInput(occurrence("missed", { status: "missed", reason: "down" })));
      await ctx.store.claimFiring(claimInput(occurrence("skipped", { status: "skipped", reason: "cap" })));
      await ctx.store.claimFiring(claimInput(occurrence("dry", { status: "dry-run" })));
      await ctx.store.claimFiring(
        claimInput({ triggerId: "other", occurrence: "x", idempotencyKey: "other-x" }),
      );

      expect(await ctx.store.countFired("payday-sweep", at(0))).toBe(4);
      expect(await ctx.store.countFired("payday-sweep", at(1))).toBe(0);
      ctx.clock.advance(24 * 3_600_000);
      await claimed(ctx.store, occurrence("tomorrow"));
      expect(await ctx.store.countFired("payday-sweep", at(1))).toBe(1);
      expect(await ctx.store.countFired("other", at(0))).toBe(1);
    });

    it("lists history newest first, by trigger, with a limit and a before cursor", async () => {
      for (const [i, trigger] of ["t1", "t2", "t1", "t1"].entries()) {
        await claimed(ctx.store, {
          triggerId: trigger,
          occurrence: `o${i}`,
          idempotencyKey: `${trigger}-o${i}`,
        });
        ctx.clock.advance(1_000);
      }
      const all = await ctx.store.listFirings({ limit: 10 });
      expect(all.map((f) => f.occurrence)).toEqual(["o3", "o2", "o1", "o0"]);
      const t1 = await ctx.store.listFirings({ triggerId: "t1", limit: 2 });
      expect(t1.map((f) => f.occurrence)).toEqual(["o3", "o2"]);
      const older = await ctx.store.listFirings({ triggerId: "t1", limit: 10, before: at(2_000) });
      expect(older.map((f) => f.occurrence)).toEqual(["o0"]);
      await expectStoreError(ctx.store.listFirings({ limit: 0 }), "INVALID_INPUT");
    });
  });
}
