import { type AmountAuditInput, StoreError } from "@seqd/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, metricValue, waitUntil } from "../runtime/runtime-test-kit.js";
import { type AuditQueue, type AuditQueueOptions, createAuditQueue } from "./audit-queue.js";

let h: Harness;
let written: number;
let failWith: StoreError | undefined;

beforeEach(async () => {
  h = await createHarness();
  written = 0;
  failWith = undefined;
});
afterEach(async () => {
  await h.close();
});

/** The real SQLite store behind a switch that makes it refuse writes, counting rows written. */
function queue(overrides: Partial<AuditQueueOptions> = {}): AuditQueue {
  return createAuditQueue({
    store: {
      appendAmountAudits: async (rows) => {
        if (failWith !== undefined) throw failWith;
        const count = await h.store.appendAmountAudits(rows);
        written += count;
        return count;
      },
    },
    guard: h.guard,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
    ...overrides,
  });
}

function row(index: number, overrides: Partial<AmountAuditInput> = {}): AmountAuditInput {
  return {
    at: h.clock.now(),
    endpoint: "top-up",
    requestId: `req-${index}`,
    inputs: { checking: { status: "ok", cents: 90_000, at: "2026-03-02T14:00:00.000Z" } },
    formulaHash: "hash-1",
    raw: 60_000 + index,
    clamped: 60_000 + index,
    outcome: "ok",
    ...overrides,
  };
}

const stored = async () =>
  (await h.store.listAmountAudits({ limit: 1_000 })).map((audit) => audit.requestId).sort();

describe("createAuditQueue", () => {
  it("writes queued rows one per answer when the flush timer runs, not before", async () => {
    const audits = queue({ flushEveryMs: 1_000 });
    for (let index = 0; index < 3; index++) audits.push(row(index));
    h.timers.advance(999);
    await h.settle();
    expect(written).toBe(0);
    h.timers.advance(1);
    await waitUntil(() => written === 3, "three audit rows");
    const [first] = await h.store.listAmountAudits({ limit: 1, endpoint: "top-up" });
    expect(first).toMatchObject({
      endpoint: "top-up",
      formulaHash: "hash-1",
      outcome: "ok",
      inputs: row(0).inputs,
    });
    expect(await stored()).toEqual(["req-0", "req-1", "req-2"]);
  });

  it("writes a full batch at once, without waiting for the timer", async () => {
    const audits = queue({ batchRows: 4 });
    for (let index = 0; index < 4; index++) audits.push(row(index));
    await waitUntil(() => written === 4, "a full batch");
    expect(audits.pending()).toBe(0);
  });

  it("drops rows past the cap, counting and logging them", async () => {
    const audits = queue({ maxQueued: 3 });
    for (let index = 0; index < 5; index++) audits.push(row(index));
    await audits.flush();
    expect(await stored()).toEqual(["req-0", "req-1", "req-2"]);
    expect(await metricValue(h.metrics.amountAuditsDropped, { reason: "queue_full" })).toBe(2);
    expect(h.logs().filter((line) => line.event === "amount.audits_dropped")).toEqual([
      expect.objectContaining({ level: "error", reason: "queue_full", count: 2 }),
    ]);
  });

  it("keeps rows while the store cannot write and writes them once it can", async () => {
    const audits = queue({ flushEveryMs: 1_000 });
    failWith = new StoreError("LOCKED", "database is locked");
    audits.push(row(0));
    audits.push(row(1));
    await audits.flush();
    expect(audits.pending()).toBe(2);
    expect(h.guard.healthy()).toBe(false);
    failWith = undefined;
    // Until a probe finds the store writable again, the guard does not even try.
    audits.push(row(2));
    await audits.flush();
    expect(audits.pending()).toBe(3);
    expect(await h.guard.probe()).toBe(true);
    await audits.flush();
    expect(await stored()).toEqual(["req-0", "req-1", "req-2"]);
    expect(await metricValue(h.metrics.amountAuditsDropped, { reason: "queue_full" })).toBe(0);
  });

  it("drops (counted, logged) a batch the store refuses as invalid rather than retry it forever", async () => {
    const audits = queue();
    audits.push(row(0, { endpoint: "" }));
    await audits.flush();
    expect(audits.pending()).toBe(0);
    expect(await metricValue(h.metrics.amountAuditsDropped, { reason: "store_refused" })).toBe(1);
    expect(h.logText()).toContain("amount.audits_refused");
  });

  it("flushes what is left on stop, and counts rows pushed afterwards", async () => {
    const audits = queue({ flushEveryMs: 60_000 });
    audits.push(row(0));
    await audits.stop();
    expect(await stored()).toEqual(["req-0"]);
    expect(h.timers.pending()).toBe(0);
    audits.push(row(1));
    expect(await metricValue(h.metrics.amountAuditsDropped, { reason: "stopped" })).toBe(1);
    expect(await stored()).toEqual(["req-0"]);
  });
});
