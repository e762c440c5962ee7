import type { Firing } from "@seqd/store";
import { describe, expect, it } from "vitest";
import { countCrossings } from "./balance-script.js";
import { auditLedger, type ScheduleSpan } from "./ledger-audit.js";
import type { SimTriggerEvent } from "./run-crash-loop.js";

const T0 = "2026-03-01T12:00:00.000Z";
const T1 = "2026-03-01T12:00:01.000Z";
const T2 = "2026-03-01T12:00:02.000Z";
const span = (policy: ScheduleSpan["policy"]): ScheduleSpan => ({
  triggerId: "tick",
  policy,
  from: new Date("2026-03-01T12:00:00.400Z"),
  to: new Date(T2),
});

function firing(occurrence: string, status: Firing["status"], extra: Partial<Firing> = {}): Firing {
  const at = new Date(occurrence);
  return {
    id: 0,
    triggerId: "tick",
    occurrence,
    idempotencyKey: `key-${occurrence}`,
    ruleId: "rule",
    status,
    attempts: 1,
    lastErrorCode: undefined,
    lastErrorMessage: undefined,
    requestId: undefined,
    reason: undefined,
    configHash: "hash",
    fencingToken: undefined,
    createdAt: at,
    updatedAt: at,
    sentAt: undefined,
    completedAt: undefined,
    nextAttemptAt: undefined,
    ...extra,
  };
}

function executed(key: string): SimTriggerEvent {
  return {
    type: "trigger",
    seq: 0,
    at: T0,
    ruleId: "ru",
    idempotencyKey: key,
    requestId: "r",
    outcome: "executed",
    status: 200,
    path: "/remote-api/rules/ru/trigger",
    body: "{}",
  } as SimTriggerEvent;
}

describe("auditLedger", () => {
  it("passes a ledger where each occurrence in (from, to] was accepted and executed once", () => {
    const firings = [firing(T1, "accepted"), firing(T2, "accepted")];
    const audit = auditLedger({
      firings,
      triggerEvents: firings.map((f) => executed(f.idempotencyKey)),
      spans: [span("all")],
      alertLines: [],
    });
    expect(audit).toMatchObject({
      keysExecutedTwice: [],
      occurrencesExecutedTwice: [],
      executedWithoutClaim: [],
      acceptedNotExecuted: [],
      lost: [],
      expectedOccurrences: 2,
    });
  });

  it("finds a key executed twice, an execution nobody claimed and an accepted firing never executed", () => {
    const audit = auditLedger({
      firings: [firing(T1, "accepted"), firing(T2, "accepted")],
      triggerEvents: [executed(`key-${T1}`), executed(`key-${T1}`), executed("stray")],
      spans: [span("all")],
      alertLines: [],
    });
    expect(audit.keysExecutedTwice).toEqual([`key-${T1}`]);
    expect(audit.occurrencesExecutedTwice).toEqual([`tick@${T1}`]);
    expect(audit.executedWithoutClaim).toEqual(["stray"]);
    expect(audit.acceptedNotExecuted).toEqual([`key-${T2}`]);
  });

  it("counts as lost: no row, a miss under `all`, a reasonless miss, an unalerted failure, a row left sent", () => {
    const lost = (firings: Firing[], policy: ScheduleSpan["policy"], alertLines: string[] = []) =>
      auditLedger({ firings, triggerEvents: [], spans: [span(policy)], alertLines }).lost.map((l) => l.why);
    expect(lost([firing(T1, "accepted")], "all")).toEqual(["no ledger row"]);
    expect(lost([firing(T1, "missed", { reason: "over_max" }), firing(T2, "sent")], "all")).toEqual([
      "missed (over_max) under catchUp all",
      "left sent",
    ]);
    expect(lost([firing(T1, "missed"), firing(T2, "failed")], "skip")).toEqual([
      "missed without a reason",
      "failed without an alert",
    ]);
    expect(
      lost([firing(T1, "missed", { reason: "missed_skip_policy" }), firing(T2, "failed")], "skip", [
        `{"event":"alert","kind":"firing_failed","idempotencyKey":"key-${T2}"}`,
      ]),
    ).toEqual([]);
  });
});

describe("countCrossings", () => {
  const levels = { below: 500, rearmAbove: 800 };
  it("counts a crossing only from armed, and rearms only at or above the rearm level", () => {
    expect(countCrossings([400, 300, 700, 400, 900, 499], levels)).toBe(2);
    expect(countCrossings([700, 600], levels)).toBe(0);
    expect(countCrossings([400], levels, false)).toBe(0);
  });
});
