import { describe, expect, it } from "vitest";
import { initialThresholdState } from "./state.js";
import { stepThreshold } from "./step.js";
import { belowDefinition, createSim, MINUTE, mirrorCents, T0, t, types } from "./threshold-test-kit.js";
import { THRESHOLD_DIRECTIONS } from "./types.js";

// Every rule runs for `below` as written and for `above` mirrored (amounts v → $2,000 − v).
describe.each(THRESHOLD_DIRECTIONS)("stepThreshold (%s)", (direction) => {
  const sim = (overrides: Parameters<typeof belowDefinition>[0] = {}) =>
    createSim(belowDefinition(overrides), { direction });
  const cents = (value: number) => mirrorCents(direction, value);

  describe("startup", () => {
    it.each(["requireCrossing", "evaluate"] as const)(
      "arms on a first reading not past (%s)",
      (onStartup) => {
        const s = sim({ onStartup });
        expect(types(s.read(0, 90_000))).toEqual(["armed"]);
        expect(s.state.phase).toBe("armed");
      },
    );

    it("arms on a first reading between the level and the re-arm level, so a dip fires", () => {
      const s = sim({ rearm: 80_000 });
      expect(types(s.read(0, 60_000))).toEqual(["armed"]);
      expect(types(s.read(5, 45_000))).toEqual(["pending", "fired"]);
    });

    it("requireCrossing: a first reading already past disarms with a reason and never fires until re-armed", () => {
      const s = sim({ rearm: 80_000 });
      const events = s.read(0, 45_000);
      expect(types(events)).toEqual(["startup_past_threshold", "disarmed"]);
      expect(events[0]).toMatchObject({ policy: "requireCrossing", cents: cents(45_000), phase: "disarmed" });
      expect(events[1]).toMatchObject({ cause: "startup_past_threshold" });
      expect(s.read(5, 40_000)).toEqual([]);
      expect(s.read(10, 70_000)).toEqual([]);
      expect(s.tick(15)).toEqual([]);
      expect(types(s.read(20, 85_000))).toEqual(["rearmed"]);
      expect(types(s.read(25, 45_000))).toEqual(["pending", "fired"]);
      expect(s.fires()).toHaveLength(1);
    });

    it("evaluate: a first reading already past counts as a crossing and fires on it when for is 0", () => {
      const s = sim({ onStartup: "evaluate" });
      const events = s.read(0, 45_000);
      expect(types(events)).toEqual(["startup_past_threshold", "pending", "fired"]);
      expect(events[0]).toMatchObject({ policy: "evaluate", phase: "pending" });
    });

    it("evaluate: the hold runs from the first reading's own time", () => {
      const s = sim({ onStartup: "evaluate", forMs: 15 * MINUTE });
      expect(types(s.read(2, 45_000, 0))).toEqual(["startup_past_threshold", "pending"]);
      expect(s.state).toMatchObject({ phase: "pending", since: t(0).toISOString() });
      expect(types(s.read(15, 45_000))).toEqual(["fired"]);
    });

    it("no reading yet: reported once as ignored, not on every tick", () => {
      const s = sim();
      expect(s.tick(0)).toEqual([
        {
          type: "ignored",
          reason: "no_reading",
          detail: null,
          phase: "unknown",
          at: T0.toISOString(),
          cents: null,
          readingAt: null,
        },
      ]);
      expect(s.tick(1)).toEqual([]);
      expect(s.state.phase).toBe("unknown");
    });

    it("a failed first read does not arm: the first real reading past is treated as a startup, not a crossing", () => {
      const s = sim();
      expect(s.fail(0)).toMatchObject([
        { type: "ignored", reason: "unavailable", detail: "HTTP 503 from Sequence" },
      ]);
      expect(s.state.phase).toBe("unknown");
      expect(types(s.read(5, 45_000))).toEqual(["startup_past_threshold", "disarmed"]);
      expect(s.fires()).toEqual([]);
    });
  });

  describe("edge-triggered crossing", () => {
    it("fires on the crossing reading itself when for is 0, identified by the crossing's time", () => {
      const s = sim();
      s.read(0, 90_000);
      const events = s.read(5, 45_000);
      expect(types(events)).toEqual(["pending", "fired"]);
      expect(events[1]).toEqual({
        type: "fired",
        phase: "disarmed",
        at: t(5).toISOString(),
        cents: cents(45_000),
        readingAt: t(5).toISOString(),
        since: t(5).toISOString(),
        heldMs: 0,
        occurrence: `crossing:${t(5).toISOString()}`,
      });
      expect(s.state).toMatchObject({ phase: "disarmed", cause: "fired", lastFiredAt: t(5).toISOString() });
    });

    it("stays disarmed while past and until a usable reading reaches the re-arm level", () => {
      const s = sim({ rearm: 80_000 });
      s.read(0, 90_000);
      s.read(5, 45_000);
      expect(s.read(10, 30_000)).toEqual([]);
      expect(s.read(15, 79_999)).toEqual([]);
      expect(s.state.phase).toBe("disarmed");
      expect(types(s.read(20, 80_000))).toEqual(["rearmed"]);
      expect(types(s.read(25, 49_999))).toEqual(["pending", "fired"]);
      expect(s.fires()).toHaveLength(2);
    });

    it("a balance exactly at the level is not past", () => {
      const s = sim();
      s.read(0, 90_000);
      expect(s.read(5, 50_000)).toEqual([]);
      expect(s.state.phase).toBe("armed");
    });

    it("without hysteresis, re-arms exactly at the level", () => {
      const s = sim();
      s.read(0, 90_000);
      s.read(5, 45_000);
      expect(types(s.read(10, 50_000))).toEqual(["rearmed"]);
    });
  });

  describe("for: the hold", () => {
    const hold = 15 * MINUTE;

    it.each([
      ["one ms short of for", hold - 1, []],
      ["exactly for", hold, ["fired"]],
      ["longer than for", hold + 1, ["fired"]],
    ] as const)("on a tick %s later: %j", (_label, elapsedMs, expected) => {
      const s = sim({ forMs: hold });
      s.read(0, 90_000);
      expect(types(s.read(5, 45_000))).toEqual(["pending"]);
      expect(types(s.tick(new Date(t(5).getTime() + elapsedMs)))).toEqual(expected);
    });

    it("counts from the reading's time, not from when it was evaluated", () => {
      const s = sim({ forMs: hold });
      s.read(0, 90_000);
      s.read(8, 45_000, 5);
      expect(s.state).toMatchObject({ phase: "pending", since: t(5).toISOString() });
      expect(types(s.tick(20))).toEqual(["fired"]);
    });

    it("a reading back on the safe side cancels the hold; the next crossing starts a new one", () => {
      const s = sim({ forMs: hold });
      s.read(0, 90_000);
      s.read(5, 45_000);
      const cancelled = s.read(15, 50_000);
      expect(cancelled).toMatchObject([
        { type: "hold_cancelled", since: t(5).toISOString(), heldMs: 10 * MINUTE },
      ]);
      expect(s.state.phase).toBe("armed");
      s.read(20, 45_000);
      expect(s.tick(34)).toEqual([]);
      expect(s.fires()).toEqual([]);
      expect(s.tick(35)).toMatchObject([{ type: "fired", since: t(20).toISOString(), heldMs: hold }]);
    });

    it("completes on a timer tick using the latest reading while it is still fresh", () => {
      const s = sim({ forMs: hold });
      s.read(0, 90_000);
      s.read(5, 45_000);
      expect(s.tick(10)).toEqual([]);
      expect(s.tick(20)).toMatchObject([
        { type: "fired", cents: cents(45_000), readingAt: t(5).toISOString() },
      ]);
    });

    it("a stale reading does not complete a due hold; the next fresh reading still past fires at once", () => {
      const s = sim({ forMs: 30 * MINUTE, staleAfterMs: 20 * MINUTE });
      s.read(0, 90_000);
      s.read(5, 45_000);
      expect(s.tick(25)).toEqual([]);
      expect(s.tick(25.001)).toMatchObject([{ type: "ignored", reason: "stale", phase: "pending" }]);
      expect(s.tick(40)).toEqual([]);
      expect(s.state).toMatchObject({ phase: "pending", since: t(5).toISOString() });
      expect(s.read(41, 44_000)).toMatchObject([
        { type: "fired", since: t(5).toISOString(), heldMs: 36 * MINUTE },
      ]);
    });

    it("failed reads during the hold neither complete it nor reset it", () => {
      const s = sim({ forMs: hold });
      s.read(0, 90_000);
      s.read(5, 45_000);
      expect(types(s.fail(10))).toEqual(["ignored"]);
      expect(s.fail(20)).toEqual([]);
      expect(s.tick(25)).toEqual([]);
      expect(s.state).toMatchObject({ phase: "pending", since: t(5).toISOString(), ignoring: "unavailable" });
      expect(types(s.read(26, 45_000))).toEqual(["fired"]);
    });

    it("a gap ending on a safe reading cancels the hold instead of firing", () => {
      const s = sim({ forMs: hold });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.fail(10);
      s.fail(20);
      expect(types(s.read(30, 60_000))).toEqual(["hold_cancelled"]);
      expect(s.fires()).toEqual([]);
    });
  });
});

describe("stepThreshold (above, literal amounts)", () => {
  const above = belowDefinition({ direction: "above", level: 200_000, rearm: 150_000 });

  it("fires above the level and re-arms at or below rearmBelow", () => {
    let state = initialThresholdState();
    const run = (minute: number, value: number) => {
      const result = stepThreshold(above, state, { status: "ok", cents: value, at: t(minute) }, t(minute));
      state = result.state;
      return types(result.events);
    };
    expect(run(0, 100_000)).toEqual(["armed"]);
    expect(run(5, 200_000)).toEqual([]);
    expect(run(10, 200_001)).toEqual(["pending", "fired"]);
    expect(run(15, 150_001)).toEqual([]);
    expect(run(20, 150_000)).toEqual(["rearmed"]);
    expect(run(25, 250_000)).toEqual(["pending", "fired"]);
  });
});
