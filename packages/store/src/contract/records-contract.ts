import { describe, expect, it } from "vitest";
import { isAlertDue } from "../alert-due.js";
import type { AmountAuditInput } from "../types.js";
import { at, type ContractContext, expectStoreError } from "./context.js";

const SOURCES = [
  { path: "configs/seqd.yaml", text: "version: 1\n# ünïcode ✓\n" },
  { path: "configs/empty.yaml", text: "" },
];

function audit(i: number, overrides: Partial<AmountAuditInput> = {}): AmountAuditInput {
  return {
    at: at(i * 1_000),
    endpoint: "top-up",
    requestId: `req-${i}`,
    inputs: { checking: { cents: 45_000 + i, fetchedAt: "2026-03-01T11:59:00.000Z" } },
    formulaHash: "f-1",
    raw: 105_000 - i,
    clamped: 100_000,
    outcome: "ok",
    ...overrides,
  };
}

/** Config snapshots, amount audits and alerts. */
export function recordsContract(ctx: ContractContext): void {
  describe("config snapshots", () => {
    it("saves each hash once and returns its sources", async () => {
      expect(await ctx.store.saveConfigSnapshot({ hash: "h1", sources: SOURCES })).toEqual({ created: true });
      ctx.clock.advance(1_000);
      expect(await ctx.store.saveConfigSnapshot({ hash: "h1", sources: [] })).toEqual({ created: false });
      expect(await ctx.store.getConfigSnapshot("h1")).toEqual({
        hash: "h1",
        sources: SOURCES,
        createdAt: at(0),
      });
      expect(await ctx.store.getConfigSnapshot("h2")).toBeUndefined();
    });

    it("marks and returns the last known good config; the latest mark wins", async () => {
      expect(await ctx.store.getLastKnownGood()).toBeUndefined();
      await ctx.store.saveConfigSnapshot({ hash: "h1", sources: SOURCES });
      await ctx.store.saveConfigSnapshot({ hash: "h2", sources: [{ path: "b.yaml", text: "version: 1\n" }] });
      await ctx.store.markLastKnownGood("h2");
      // A wall clock stepped back must not make the older mark win.
      ctx.clock.setWall(at(-3_600_000));
      await ctx.store.markLastKnownGood("h1");
      expect(await ctx.store.getLastKnownGood()).toEqual({
        hash: "h1",
        sources: SOURCES,
        createdAt: at(0),
        markedAt: at(-3_600_000),
      });
    });

    it("refuses to mark a hash that was never saved", async () => {
      const error = await expectStoreError(ctx.store.markLastKnownGood("nope"), "NOT_FOUND");
      expect(error.message).toContain("nope");
    });
  });

  describe("amount audit", () => {
    it("appends 1000 rows in one call and lists them newest first, fields intact", async () => {
      const rows = Array.from({ length: 1000 }, (_, i) => audit(i));
      expect(await ctx.store.appendAmountAudits(rows)).toBe(1000);
      const listed = await ctx.store.listAmountAudits({ limit: 1000 });
      expect(listed).toHaveLength(1000);
      expect(listed[0]).toEqual({
        id: expect.any(Number),
        at: at(999_000),
        endpoint: "top-up",
        requestId: "req-999",
        inputs: { checking: { cents: 45_999, fetchedAt: "2026-03-01T11:59:00.000Z" } },
        formulaHash: "f-1",
        raw: 104_001,
        clamped: 100_000,
        outcome: "ok",
        errorCode: undefined,
      });
      expect(listed.at(-1)?.requestId).toBe("req-0");
    });

    it("keeps optional fields absent, negative raw results and per-endpoint listing", async () => {
      await ctx.store.appendAmountAudits([
        {
          at: at(0),
          endpoint: "sweep",
          inputs: {},
          formulaHash: "f-2",
          raw: -500,
          outcome: "negative",
          errorCode: "NEGATIVE",
        },
        audit(1),
      ]);
      const sweep = await ctx.store.listAmountAudits({ limit: 10, endpoint: "sweep" });
      expect(sweep).toEqual([
        expect.objectContaining({
          requestId: undefined,
          raw: -500,
          clamped: undefined,
          errorCode: "NEGATIVE",
        }),
      ]);
    });

    it("writes nothing from a batch with one bad row", async () => {
      await expectStoreError(
        ctx.store.appendAmountAudits([audit(0), audit(1, { clamped: 1.5 }), audit(2)]),
        "INVALID_INPUT",
      );
      expect(await ctx.store.listAmountAudits({ limit: 10 })).toEqual([]);
      expect(await ctx.store.appendAmountAudits([])).toBe(0);
    });

    it("prunes audits older than a cutoff", async () => {
      await ctx.store.appendAmountAudits([audit(0), audit(1), audit(2)]);
      expect(await ctx.store.pruneAmountAudits(at(2_000))).toBe(2);
      expect((await ctx.store.listAmountAudits({ limit: 10 })).map((a) => a.requestId)).toEqual(["req-2"]);
    });
  });

  describe("alerts", () => {
    const stale = {
      key: "stale:checking",
      kind: "stale-balance",
      severity: "warning",
      message: "checking is 25m old",
    } as const;

    it("deduplicates by key: a repeat bumps count and lastSeenAt, keeps firstSeenAt", async () => {
      const first = await ctx.store.openAlert({ ...stale, details: { ageMs: 1_500_000 } });
      ctx.clock.advance(60_000);
      const second = await ctx.store.openAlert({ ...stale, message: "checking is 26m old" });
      expect(first).toMatchObject({ opened: true, alert: { count: 1, details: { ageMs: 1_500_000 } } });
      expect(second).toEqual({
        opened: false,
        alert: {
          ...stale,
          message: "checking is 26m old",
          details: null,
          status: "open",
          firstSeenAt: at(0),
          lastSeenAt: at(60_000),
          count: 2,
          lastSentAt: undefined,
          resolvedAt: undefined,
        },
      });
      expect(await ctx.store.listOpenAlerts()).toHaveLength(1);
    });

    it("records deliveries for repeatEvery; a resolved alert reopens as a new episode", async () => {
      await ctx.store.openAlert(stale);
      expect(await ctx.store.markAlertSent(stale.key, at(0))).toBe(true);
      ctx.clock.advance(30 * 60_000);
      const repeated = (await ctx.store.openAlert(stale)).alert;
      expect(repeated.lastSentAt).toEqual(at(0));
      expect(isAlertDue(repeated, { now: ctx.clock.now(), repeatEveryMs: 3_600_000 })).toBe(false);

      const resolved = await ctx.store.resolveAlert(stale.key);
      expect(resolved).toMatchObject({ status: "resolved", resolvedAt: at(30 * 60_000), count: 2 });
      expect(await ctx.store.resolveAlert(stale.key)).toBeUndefined();
      expect(await ctx.store.listOpenAlerts()).toEqual([]);
      expect(await ctx.store.markAlertSent(stale.key, at(0))).toBe(false);

      ctx.clock.advance(60_000);
      const reopened = await ctx.store.openAlert(stale);
      expect(reopened).toMatchObject({
        opened: true,
        alert: { count: 1, firstSeenAt: at(31 * 60_000), lastSentAt: undefined, resolvedAt: undefined },
      });
      expect(isAlertDue(reopened.alert, { now: ctx.clock.now(), repeatEveryMs: 3_600_000 })).toBe(true);
    });

    it("lists open alerts oldest first and refuses unknown severities", async () => {
      await ctx.store.openAlert({ ...stale, key: "b" });
      ctx.clock.advance(1);
      await ctx.store.openAlert({ ...stale, key: "a", severity: "critical" });
      expect((await ctx.store.listOpenAlerts()).map((a) => a.key)).toEqual(["b", "a"]);
      await expectStoreError(ctx.store.openAlert({ ...stale, severity: "fatal" as never }), "INVALID_INPUT");
    });
  });
}
