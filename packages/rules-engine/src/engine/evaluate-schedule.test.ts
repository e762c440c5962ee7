import { describe, expect, it } from "vitest";
import { at, createLoop, ok, runtimeOf } from "./engine-test-kit.js";
import { evaluate } from "./evaluate.js";
import { idempotencyKey } from "./idempotency-key.js";
import { MAX_ENUMERATED_PER_EVALUATION, MAX_RECORDED_MISSED } from "./schedule-step.js";
import type { StoredTriggerState } from "./types.js";

const daily = (extra = "") => `triggers:
  daily:
    rule: sweep
    schedule: { cron: "0 9 * * *" }
${extra}`;

const none = new Map();

describe("schedule triggers", () => {
  it("a new trigger starts at now and never backfills history", () => {
    const runtime = runtimeOf(daily());
    const result = evaluate({
      runtime,
      states: none,
      balances: none,
      now: at("2026-03-02T10:00:00-05:00"),
      firedLast24h: none,
    });
    expect(result.intents).toEqual([]);
    expect(result.decisions).toEqual([]);
    expect(result.events).toEqual([
      { type: "schedule_started", triggerId: "daily", cursor: at("2026-03-02T10:00:00-05:00") },
    ]);
    expect(result.states.get("daily")).toEqual({
      definitionHash: runtime.triggers[0]!.definitionHash,
      state: null,
      cursor: at("2026-03-02T10:00:00-05:00"),
    });
    expect(result.changed).toEqual(["daily"]);
  });

  it("a punctual loop fires each occurrence exactly once, with its key", () => {
    const loop = createLoop(runtimeOf(daily()));
    const intents = [];
    for (
      let ms = at("2026-03-02T08:58:00-05:00").getTime();
      ms <= at("2026-03-03T09:02:00-05:00").getTime();
      ms += 30_000
    ) {
      intents.push(...loop.step(new Date(ms)).intents);
    }
    expect(intents).toEqual(
      ["2026-03-02T14:00:00.000Z", "2026-03-03T14:00:00.000Z"].map((occurrence) => ({
        triggerId: "daily",
        ruleId: "sweep",
        occurrence,
        idempotencyKey: idempotencyKey("daily", occurrence),
        cause: { kind: "schedule", reason: "on_time", scheduledAt: new Date(occurrence), lateByMs: 0 },
      })),
    );
  });

  it("a tick late by up to a minute is on time; later it is missed", () => {
    const loop = createLoop(runtimeOf(daily()));
    loop.step(at("2026-03-02T08:00:00-05:00"));
    expect(loop.step(at("2026-03-02T09:01:00-05:00")).intents).toHaveLength(1);
    const late = loop.step(at("2026-03-03T09:01:01-05:00"));
    expect(late.intents).toEqual([]);
    expect(late.decisions).toMatchObject([
      { occurrence: "2026-03-03T14:00:00.000Z", status: "missed", reason: "missed_skip_policy", alert: true },
    ]);
  });

  it("catch-up skip: every occurrence missed while down is recorded, none fires, the cursor moves to now", () => {
    const loop = createLoop(runtimeOf(daily()));
    loop.step(at("2026-03-02T08:00:00-05:00"));
    const result = loop.step(at("2026-03-04T10:00:00-05:00"));
    expect(result.intents).toEqual([]);
    expect(result.decisions.map((d) => [d.occurrence, d.reason, d.detail])).toEqual([
      ["2026-03-02T14:00:00.000Z", "missed_skip_policy", expect.stringMatching(/; 176400s late$/)],
      ["2026-03-03T14:00:00.000Z", "missed_skip_policy", expect.stringMatching(/; 90000s late$/)],
      ["2026-03-04T14:00:00.000Z", "missed_skip_policy", expect.stringMatching(/; 3600s late$/)],
    ]);
    expect(loop.states.get("daily")?.cursor).toEqual(at("2026-03-04T10:00:00-05:00"));
    // Decided once: the next tick has nothing to say about them.
    expect(loop.step(at("2026-03-04T10:00:30-05:00")).decisions).toEqual([]);
  });

  it("catch-up latest: the newest missed occurrence inside the window fires, the rest are recorded", () => {
    const loop = createLoop(
      runtimeOf(daily().replace("schedule:", "catchUp: { policy: latest, within: 25h }\n    schedule:")),
    );
    loop.step(at("2026-03-01T08:00:00-05:00"));
    const result = loop.step(at("2026-03-04T10:00:00-05:00"));
    expect(result.intents.map((i) => [i.occurrence, i.cause])).toEqual([
      [
        "2026-03-04T14:00:00.000Z",
        {
          kind: "schedule",
          reason: "catch_up_latest",
          scheduledAt: at("2026-03-04T09:00:00-05:00"),
          lateByMs: 3_600_000,
        },
      ],
    ]);
    expect(result.decisions.map((d) => [d.occurrence, d.reason])).toEqual([
      ["2026-03-01T14:00:00.000Z", "outside_window"],
      ["2026-03-02T14:00:00.000Z", "outside_window"],
      ["2026-03-03T14:00:00.000Z", "superseded_by_latest"],
    ]);
  });

  it("catch-up all: each missed occurrence inside the window fires, the newest max of them", () => {
    const runtime = runtimeOf(`triggers:
  hourly:
    rule: sweep
    schedule: { cron: "0 * * * *" }
    catchUp: { policy: all, within: 4h, max: 2 }
`);
    const loop = createLoop(runtime);
    loop.step(at("2026-03-02T03:30:00-05:00"));
    const result = loop.step(at("2026-03-02T09:30:00-05:00"));
    expect(result.intents.map((i) => [i.occurrence, i.cause.kind === "schedule" && i.cause.reason])).toEqual([
      ["2026-03-02T13:00:00.000Z", "catch_up_all"],
      ["2026-03-02T14:00:00.000Z", "catch_up_all"],
    ]);
    expect(result.decisions.map((d) => [d.occurrence, d.reason])).toEqual([
      ["2026-03-02T09:00:00.000Z", "outside_window"],
      ["2026-03-02T10:00:00.000Z", "outside_window"],
      ["2026-03-02T11:00:00.000Z", "over_max"],
      ["2026-03-02T12:00:00.000Z", "over_max"],
    ]);
  });

  it("when is checked at fire time on fresh balances; false records a skip without an alert", () => {
    const runtime = runtimeOf(daily("    when: balance(checking) > $2_000\n"));
    const loop = createLoop(runtime);
    loop.step(at("2026-03-02T08:00:00-05:00"));
    const now = at("2026-03-02T09:00:20-05:00");
    const low = loop.step(now, new Map([["checking", ok(150_000, now)]]));
    expect(low.intents).toEqual([]);
    expect(low.decisions).toEqual([
      {
        triggerId: "daily",
        ruleId: "sweep",
        occurrence: "2026-03-02T14:00:00.000Z",
        idempotencyKey: idempotencyKey("daily", "2026-03-02T14:00:00.000Z"),
        status: "skipped",
        reason: "condition_false",
        detail: "when is false: balance(checking) > $2_000",
        alert: false,
      },
    ]);
    const next = at("2026-03-03T09:00:00-05:00");
    expect(loop.step(next, new Map([["checking", ok(250_000, next)]])).intents).toHaveLength(1);
  });

  it("keeps the cursor across a definition change: the new pattern's missed runs go through catch-up", () => {
    const before = runtimeOf(daily());
    const after = runtimeOf(daily().replace('"0 9 * * *"', '"0 15 * * *"'));
    const loop = createLoop(before);
    loop.step(at("2026-03-02T08:00:00-05:00"));
    const stored = loop.states.get("daily")!;
    expect(after.triggers[0]!.definitionHash).not.toBe(before.triggers[0]!.definitionHash);
    const result = evaluate({
      runtime: after,
      states: new Map([["daily", stored]]),
      balances: none,
      now: at("2026-03-02T15:30:00-05:00"),
      firedLast24h: none,
    });
    expect(result.decisions.map((d) => [d.occurrence, d.reason])).toEqual([
      ["2026-03-02T20:00:00.000Z", "missed_skip_policy"],
    ]);
    expect(result.states.get("daily")).toMatchObject({ definitionHash: after.triggers[0]!.definitionHash });
  });

  it("a clock that steps back decides nothing again and keeps the later cursor", () => {
    const runtime = runtimeOf(daily());
    const cursor = at("2026-03-02T09:30:00-05:00");
    const states = new Map<string, StoredTriggerState>([
      ["daily", { definitionHash: runtime.triggers[0]!.definitionHash, state: null, cursor }],
    ]);
    const result = evaluate({
      runtime,
      states,
      balances: none,
      now: at("2026-03-02T08:59:00-05:00"),
      firedLast24h: none,
    });
    expect(result.intents).toEqual([]);
    expect(result.states.get("daily")).toMatchObject({ cursor });
    expect(result.changed).toEqual([]);
  });

  it("a tick with nothing due moves the cursor but reports no change", () => {
    const loop = createLoop(runtimeOf(daily()));
    loop.step(at("2026-03-02T08:00:00-05:00"));
    const result = loop.step(at("2026-03-02T08:00:30-05:00"));
    expect(result.changed).toEqual([]);
    expect(result.states.get("daily")).toMatchObject({ cursor: at("2026-03-02T08:00:30-05:00") });
  });
});

describe("a sub-minute schedule after a long outage", () => {
  const every10s = `triggers:
  fast:
    rule: sweep
    schedule: { cron: "*/10 * * * * *" }
`;

  it(`records at most ${MAX_RECORDED_MISSED} missed occurrences one by one and the rest as one summary`, () => {
    const loop = createLoop(runtimeOf(every10s));
    loop.step(at("2026-03-02T00:00:00Z"));
    const result = loop.step(at("2026-03-03T00:00:00Z"));
    // On time: the 7 occurrences at most 60 s old (both ends included).
    expect(result.intents.map((i) => i.occurrence)).toEqual(
      [60, 50, 40, 30, 20, 10, 0].map((s) =>
        new Date(at("2026-03-03T00:00:00Z").getTime() - s * 1000).toISOString(),
      ),
    );
    const [summary, ...individual] = result.decisions;
    expect(individual).toHaveLength(MAX_RECORDED_MISSED);
    expect(individual.at(-1)?.occurrence).toBe("2026-03-02T23:58:50.000Z");
    expect(summary).toMatchObject({
      occurrence: "missed:2026-03-02T00:00:10.000Z..2026-03-02T23:42:10.000Z",
      status: "missed",
      reason: "missed_summarized",
      alert: true,
      summary: { count: 8640 - 7 - MAX_RECORDED_MISSED, reasons: { missed_skip_policy: 8533 } },
    });
    expect(summary?.detail).toBe(
      "8533 occurrences missed from 2026-03-02T00:00:10.000Z to 2026-03-02T23:42:10.000Z (8533 missed_skip_policy)",
    );
  });

  it("catch-up all still fires the newest max inside the window", () => {
    const loop = createLoop(
      runtimeOf(every10s.replace("schedule:", "catchUp: { policy: all, within: 1h, max: 3 }\n    schedule:")),
    );
    loop.step(at("2026-03-02T00:00:00Z"));
    const result = loop.step(at("2026-03-03T00:00:00Z"));
    expect(result.intents.map((i) => [i.occurrence, i.cause.kind === "schedule" && i.cause.reason])).toEqual([
      ["2026-03-02T23:58:30.000Z", "catch_up_all"],
      ["2026-03-02T23:58:40.000Z", "catch_up_all"],
      ["2026-03-02T23:58:50.000Z", "catch_up_all"],
      ...[60, 50, 40, 30, 20, 10, 0].map((s) => [
        new Date(at("2026-03-03T00:00:00Z").getTime() - s * 1000).toISOString(),
        "on_time",
      ]),
    ]);
    const summary = result.decisions.find((d) => d.reason === "missed_summarized");
    // 361 inside the hour (both ends included): 7 on time, 3 caught up, 351 over max, of which
    // the newest 100 are recorded one by one.
    expect(summary?.summary?.reasons).toEqual({ outside_window: 8279, over_max: 251 });
    expect(result.decisions.filter((d) => d.reason === "over_max")).toHaveLength(MAX_RECORDED_MISSED);
  });

  it("pauses after its enumeration budget and continues on the next evaluation, deciding each occurrence once", () => {
    const loop = createLoop(runtimeOf(every10s.replace('"*/10 * * * * *"', '"* * * * * *"')));
    loop.step(at("2026-03-01T00:00:00Z"));
    const now = at("2026-03-03T00:00:00Z");
    const first = loop.step(now);
    expect(first.intents).toEqual([]);
    expect(first.events).toContainEqual(
      expect.objectContaining({ type: "catch_up_paused", triggerId: "fast" }),
    );
    const counted = (result: typeof first) =>
      result.decisions.reduce((sum, d) => sum + (d.summary?.count ?? 1), 0) + result.intents.length;
    const decidedFirst = counted(first);
    expect(decidedFirst).toBeGreaterThan(MAX_ENUMERATED_PER_EVALUATION - 2_000);
    expect(loop.states.get("fast")?.cursor).toEqual(first.decisions[0]?.summary?.last);
    const second = loop.step(now);
    expect(second.events.some((e) => e.type === "catch_up_paused")).toBe(false);
    expect(decidedFirst + counted(second)).toBe(2 * 86_400);
    expect(second.intents).toHaveLength(61);
  });
});
