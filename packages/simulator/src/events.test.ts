import { createFakeClock } from "@seqd/core";
import { describe, expect, it } from "vitest";
import { createEventLog } from "./events.js";

const control = (detail: string) => ({ type: "control" as const, action: "reset" as const, detail });

describe("createEventLog", () => {
  it("stamps seq and the clock's time, and keeps only the newest cap events", () => {
    const clock = createFakeClock("2026-01-01T00:00:00Z");
    const log = createEventLog({ clock, cap: 2 });
    log.record(control("a"));
    clock.advance(1000);
    log.record(control("b"));
    log.record(control("c"));
    expect(log.list().map((e) => [e.seq, e.at, e.type === "control" && e.detail])).toEqual([
      [2, "2026-01-01T00:00:01.000Z", "b"],
      [3, "2026-01-01T00:00:01.000Z", "c"],
    ]);
  });

  it("filters by type, rule, outcome, since, after and limit", () => {
    const clock = createFakeClock("2026-01-01T00:00:00Z");
    const log = createEventLog({ clock, cap: 100 });
    const trigger = (ruleId: string, outcome: "executed" | "rate_limited") =>
      log.record({
        type: "trigger",
        ruleId,
        idempotencyKey: null,
        requestId: null,
        outcome,
        status: 200,
        path: "/",
        body: "",
      });
    trigger("r1", "executed");
    clock.advance(60_000);
    trigger("r2", "executed");
    trigger("r1", "rate_limited");
    log.record(control("x"));
    const seqs = (filter: Parameters<typeof log.list>[0]) => log.list(filter).map((e) => e.seq);
    expect(seqs({ type: "trigger" })).toEqual([1, 2, 3]);
    expect(seqs({ type: ["trigger", "control"], ruleId: "r1" })).toEqual([1, 3]);
    expect(seqs({ outcome: "executed" })).toEqual([1, 2]);
    expect(seqs({ since: "2026-01-01T00:01:00Z" })).toEqual([2, 3, 4]);
    expect(seqs({ after: 2 })).toEqual([3, 4]);
    expect(seqs({ limit: 2 })).toEqual([3, 4]);
  });

  it("tells subscribers until they unsubscribe", () => {
    const log = createEventLog({ clock: createFakeClock(), cap: 10 });
    const seen: string[] = [];
    const off = log.subscribe((event) => seen.push(event.type));
    log.record(control("a"));
    off();
    log.record(control("b"));
    expect(seen).toEqual(["control"]);
  });
});
