import { describe, expect, it } from "vitest";
import { at, type ContractContext, claimInput, expectStoreError } from "./context.js";

const THRESHOLD_STATE = {
  phase: "pending",
  since: "2026-03-01T11:45:00.000Z",
  lastFiredAt: null,
  nested: { readings: [1, 2.5, -3], note: "ünïcode ✓" },
};

/** Trigger state with the schedule cursor, and the balance cache. */
export function stateContract(ctx: ContractContext): void {
  describe("trigger state", () => {
    it("round-trips state JSON, definition hash and cursor", async () => {
      await ctx.store.putTriggerState({
        triggerId: "checking-low",
        definitionHash: "def-1",
        state: THRESHOLD_STATE,
      });
      ctx.clock.advance(1_000);
      await ctx.store.putTriggerState({
        triggerId: "payday-sweep",
        definitionHash: "def-2",
        state: { lastOutcome: "accepted" },
        cursor: at(-60_000),
      });
      const states = await ctx.store.getTriggerStates();
      expect(states).toEqual(
        new Map([
          [
            "checking-low",
            { definitionHash: "def-1", state: THRESHOLD_STATE, cursor: undefined, updatedAt: at(0) },
          ],
          [
            "payday-sweep",
            {
              definitionHash: "def-2",
              state: { lastOutcome: "accepted" },
              cursor: at(-60_000),
              updatedAt: at(1_000),
            },
          ],
        ]),
      );
    });

    it("replaces the whole record on put, and deletes", async () => {
      await ctx.store.putTriggerState({
        triggerId: "t",
        definitionHash: "d1",
        state: { a: 1 },
        cursor: at(0),
      });
      await ctx.store.putTriggerState({ triggerId: "t", definitionHash: "d2", state: { b: 2 } });
      expect((await ctx.store.getTriggerStates()).get("t")).toMatchObject({
        definitionHash: "d2",
        state: { b: 2 },
        cursor: undefined,
      });
      expect(await ctx.store.deleteTriggerState("t")).toBe(true);
      expect(await ctx.store.deleteTriggerState("t")).toBe(false);
      expect((await ctx.store.getTriggerStates()).size).toBe(0);
    });

    it("refuses state that would not survive a JSON round trip", async () => {
      await expectStoreError(
        ctx.store.putTriggerState({ triggerId: "t", definitionHash: "d", state: undefined }),
        "INVALID_INPUT",
      );
      await expectStoreError(
        ctx.store.putTriggerState({ triggerId: "t", definitionHash: "d", state: { big: 1n } }),
        "INVALID_INPUT",
      );
    });
  });

  describe("committing an evaluation", () => {
    const due = ["2026-03-01T09:00:00.000Z", "2026-03-01T10:00:00.000Z"];
    const claims = due.map((occurrence) =>
      claimInput({ triggerId: "hourly", occurrence, idempotencyKey: `hourly:${occurrence.slice(0, 13)}` }),
    );

    it("claims and moves the cursor together; re-evaluating from the old cursor doubles nothing", async () => {
      const first = await ctx.store.commitEvaluation({
        triggerId: "hourly",
        definitionHash: "def",
        state: { n: 1 },
        cursor: at(0),
        claims,
      });
      expect(first.map((r) => r.claimed)).toEqual([true, true]);

      // A crash right after the commit, then an evaluation from an older cursor: same occurrences.
      const again = await ctx.store.commitEvaluation({
        triggerId: "hourly",
        definitionHash: "def",
        state: { n: 2 },
        cursor: at(0),
        claims,
      });
      expect(again.map((r) => (r.claimed ? "new" : r.conflict))).toEqual(["occurrence", "occurrence"]);
      expect(await ctx.store.listFirings({ triggerId: "hourly", limit: 10 })).toHaveLength(2);
      expect((await ctx.store.getTriggerStates()).get("hourly")).toMatchObject({
        state: { n: 2 },
        cursor: at(0),
      });
    });

    it("a deposed leader's evaluation writes neither claims nor state", async () => {
      const old = await ctx.store.acquireLease({ name: "dispatcher", holder: "a", ttlMs: 1_000 });
      ctx.clock.advance(1_000);
      await ctx.store.acquireLease({ name: "dispatcher", holder: "b", ttlMs: 1_000 });
      await expectStoreError(
        ctx.store.commitEvaluation({
          triggerId: "hourly",
          definitionHash: "def",
          state: { n: 1 },
          cursor: at(0),
          claims,
          fencing: { lease: "dispatcher", token: old.fencingToken },
        }),
        "FENCED",
      );
      expect(await ctx.store.listFirings({ limit: 10 })).toEqual([]);
      expect((await ctx.store.getTriggerStates()).size).toBe(0);
    });

    it("one invalid claim refuses the whole evaluation", async () => {
      await expectStoreError(
        ctx.store.commitEvaluation({
          triggerId: "hourly",
          definitionHash: "def",
          state: {},
          cursor: at(0),
          claims: [...claims, claimInput({ idempotencyKey: "" })],
        }),
        "INVALID_INPUT",
      );
      expect(await ctx.store.listFirings({ limit: 10 })).toEqual([]);
      expect((await ctx.store.getTriggerStates()).size).toBe(0);
    });
  });

  describe("balance cache", () => {
    it("keeps the last good balance when a read fails: a failure is never a 0", async () => {
      await ctx.store.putBalances([{ account: "checking", ok: true, cents: 123_456, fetchedAt: at(0) }]);
      await ctx.store.putBalances([{ account: "checking", ok: false, reason: "HTTP 503", at: at(60_000) }]);
      expect(await ctx.store.getBalances()).toEqual(
        new Map([
          [
            "checking",
            {
              account: "checking",
              lastGood: { cents: 123_456, fetchedAt: at(0) },
              lastFailure: { reason: "HTTP 503", at: at(60_000) },
            },
          ],
        ]),
      );
    });

    it("an account that never read well has a failure and no value at all", async () => {
      await ctx.store.putBalances([
        { account: "savings", ok: false, reason: "timeout", at: at(0) },
        { account: "checking", ok: true, cents: -2_500, fetchedAt: at(0) },
      ]);
      const balances = await ctx.store.getBalances();
      expect(balances.get("savings")).toEqual({
        account: "savings",
        lastGood: undefined,
        lastFailure: { reason: "timeout", at: at(0) },
      });
      expect(balances.get("checking")?.lastGood).toEqual({ cents: -2_500, fetchedAt: at(0) });
    });

    it("an older reading arriving late does not replace a newer one", async () => {
      await ctx.store.putBalances([{ account: "checking", ok: true, cents: 200, fetchedAt: at(60_000) }]);
      await ctx.store.putBalances([{ account: "checking", ok: true, cents: 100, fetchedAt: at(0) }]);
      await ctx.store.putBalances([{ account: "checking", ok: false, reason: "new", at: at(60_000) }]);
      await ctx.store.putBalances([{ account: "checking", ok: false, reason: "old", at: at(0) }]);
      expect((await ctx.store.getBalances()).get("checking")).toMatchObject({
        lastGood: { cents: 200 },
        lastFailure: { reason: "new" },
      });
    });

    it("stores cents up to 2^53 − 1 exactly", async () => {
      const cents = Number.MAX_SAFE_INTEGER;
      await ctx.store.putBalances([
        { account: "big", ok: true, cents, fetchedAt: at(0) },
        { account: "debt", ok: true, cents: -cents, fetchedAt: at(0) },
      ]);
      const balances = await ctx.store.getBalances();
      expect(balances.get("big")?.lastGood?.cents).toBe(cents);
      expect(balances.get("debt")?.lastGood?.cents).toBe(-cents);
    });

    it("refuses fractional cents and writes none of the batch", async () => {
      await expectStoreError(
        ctx.store.putBalances([
          { account: "checking", ok: true, cents: 100, fetchedAt: at(0) },
          { account: "savings", ok: true, cents: 10.5, fetchedAt: at(0) },
        ]),
        "INVALID_INPUT",
      );
      expect((await ctx.store.getBalances()).size).toBe(0);
    });
  });
}
