import { describe, expect, it } from "vitest";
import { resetThresholdState } from "./state.js";
import { belowDefinition, createSim, MINUTE, mirrorCents, t, types } from "./threshold-test-kit.js";
import { THRESHOLD_DIRECTIONS, type ThresholdEvent, type ThresholdState } from "./types.js";

const HOUR = 60 * MINUTE;

describe.each(THRESHOLD_DIRECTIONS)("scenarios (%s)", (direction) => {
  const sim = (overrides: Parameters<typeof belowDefinition>[0] = {}, state?: ThresholdState) =>
    createSim(belowDefinition(overrides), state ? { direction, state } : { direction });

  describe("flapping around $500 every 5 minutes for 4 hours (24 dips), ticking every minute", () => {
    const flap = (s: ReturnType<typeof sim>) => {
      for (let minute = 0; minute < 240; minute += 1) {
        if (minute % 5 === 0) s.read(minute, (minute / 5) % 2 === 1 ? 49_900 : 50_100);
        else s.tick(minute);
      }
      return s;
    };
    const count = (log: readonly ThresholdEvent[], type: ThresholdEvent["type"]) =>
      log.filter((event) => event.type === type).length;

    it("without hysteresis, every dip is a crossing: 24 fires", () => {
      expect(flap(sim()).fires()).toHaveLength(24);
    });

    it("with rearmAbove $800, exactly one fire", () => {
      const s = flap(sim({ rearm: 80_000 }));
      expect(s.fires().map((event) => event.at)).toEqual([t(5).toISOString()]);
      expect(count(s.log, "rearmed")).toBe(0);
    });

    it("with for 15m, no dip lasts long enough: 0 fires, every hold but the last one cancelled", () => {
      const s = flap(sim({ forMs: 15 * MINUTE }));
      expect(s.fires()).toEqual([]);
      expect(count(s.log, "pending")).toBe(24);
      expect(count(s.log, "hold_cancelled")).toBe(23);
      expect(s.state).toMatchObject({ phase: "pending", since: t(235).toISOString() });
    });

    it("with a 1h cooldown and no hysteresis: one fire per hour, one suppression per dip in between", () => {
      const s = flap(sim({ cooldownMs: HOUR }));
      expect(s.fires().map((event) => event.at)).toEqual([5, 65, 125, 185].map((m) => t(m).toISOString()));
      expect(count(s.log, "suppressed")).toBe(20);
    });
  });

  it("the design's example: tops up once when checking stays low (for 15m, rearmAbove $800)", () => {
    const s = sim({ rearm: 80_000, forMs: 15 * MINUTE, cooldownMs: 24 * HOUR });
    expect(types(s.read(0, 90_000))).toEqual(["armed"]);
    expect(types(s.read(5, 45_000))).toEqual(["pending"]);
    expect(types(s.tick(20))).toEqual(["fired"]);
    expect(s.read(25, 40_000)).toEqual([]);
  });

  describe("restart mid-pending (state through JSON, reading cache lost)", () => {
    const beforeRestart = () => {
      const s = sim({ forMs: 15 * MINUTE });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.tick(10);
      expect(s.state.phase).toBe("pending");
      return JSON.parse(JSON.stringify(s.state)) as ThresholdState;
    };

    it("does not reset the hold: a fresh reading still past after the restart fires on the original schedule", () => {
      const s = sim({ forMs: 15 * MINUTE }, beforeRestart());
      expect(types(s.tick(12))).toEqual(["ignored"]);
      expect(s.read(18, 44_000)).toEqual([]);
      expect(s.tick(20)).toMatchObject([{ type: "fired", since: t(5).toISOString(), heldMs: 15 * MINUTE }]);
    });

    it("does not falsely complete: no reading, a stale cached reading, then a safe one cancel rather than fire", () => {
      const s = sim({ forMs: 15 * MINUTE }, beforeRestart());
      s.tick(40);
      expect(s.deliver(41, { status: "ok", cents: mirrorCents(direction, 45_000), at: t(5) })).toMatchObject([
        { type: "ignored", reason: "stale" },
      ]);
      expect(types(s.read(45, 60_000))).toEqual(["hold_cancelled"]);
      expect(s.fires()).toEqual([]);
    });

    it("a run that restarts after every step behaves exactly like one that never restarts", () => {
      const script = (s: ReturnType<typeof createSim>) => {
        s.read(0, 90_000);
        s.read(5, 45_000);
        s.fail(10);
        s.tick(15);
        s.read(21, 44_000);
        s.read(30, 90_000);
        s.read(35, 40_000);
        s.tick(60);
        s.read(70, 40_000);
        s.read(90, 85_000);
        s.read(95, 30_000);
        s.tick(110);
        s.tick(200);
        return s;
      };
      const definition = belowDefinition({ rearm: 80_000, forMs: 15 * MINUTE, cooldownMs: HOUR });
      const steady = script(createSim(definition, { direction }));
      const restarting = script(createSim(definition, { direction, restartEveryStep: true }));
      expect(restarting.log).toEqual(steady.log);
      expect(restarting.state).toEqual(steady.state);
      expect(steady.fires()).toHaveLength(2);
      expect(types(steady.log)).toContain("suppressed");
    });
  });

  describe("reset after a definition change", () => {
    it("forgets the phase, reports it, and applies onStartup to the next reading", () => {
      const s = sim({ forMs: 15 * MINUTE });
      s.read(0, 90_000);
      s.read(5, 45_000);
      const reset = resetThresholdState(s.state, t(6));
      expect(reset.events).toEqual([
        {
          type: "reset",
          previousPhase: "pending",
          phase: "unknown",
          at: t(6).toISOString(),
          cents: null,
          readingAt: null,
        },
      ]);
      s.setState(reset.state);
      expect(types(s.tick(7))).toEqual(["startup_past_threshold", "disarmed"]);
    });

    it("keeps lastFiredAt, so a changed trigger cannot fire again inside its cooldown", () => {
      const s = sim({ onStartup: "evaluate", cooldownMs: 24 * HOUR });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.setState(resetThresholdState(s.state, t(10)).state);
      expect(s.state).toMatchObject({ phase: "unknown", lastFiredAt: t(5).toISOString() });
      expect(types(s.read(15, 40_000))).toEqual(["startup_past_threshold", "pending", "suppressed"]);
      expect(s.fires()).toHaveLength(1);
    });

    it("keeps lastReadingAt, so a late reading stays out of order", () => {
      const s = sim();
      s.read(10, 90_000);
      s.setState(resetThresholdState(s.state, t(11)).state);
      expect(s.deliver(12, { status: "ok", cents: 0, at: t(9) })).toMatchObject([{ reason: "out_of_order" }]);
      expect(s.state.phase).toBe("unknown");
    });
  });

  describe("docs/thresholds.md worked timelines", () => {
    it("timeline A: for 15m with a gap of failed reads", () => {
      const s = sim({ forMs: 15 * MINUTE });
      expect(types(s.read(0, 90_000))).toEqual(["armed"]);
      expect(types(s.read(5, 45_000))).toEqual(["pending"]);
      expect(types(s.fail(10))).toEqual(["ignored"]);
      expect(s.fail(15)).toEqual([]);
      expect(s.tick(20)).toEqual([]);
      expect(s.read(25, 43_000)).toMatchObject([{ type: "fired", heldMs: 20 * MINUTE }]);
      expect(s.read(30, 46_000)).toEqual([]);
    });

    it("timeline B: hysteresis absorbs a flap; the cooldown delays the next day's fire", () => {
      const day = 24 * 60;
      const s = sim({ rearm: 80_000, cooldownMs: 24 * HOUR });
      expect(types(s.read(0, 90_000))).toEqual(["armed"]);
      expect(types(s.read(5, 48_000))).toEqual(["pending", "fired"]);
      expect(s.read(10, 52_000)).toEqual([]);
      expect(s.read(15, 49_000)).toEqual([]);
      expect(types(s.read(300, 148_000))).toEqual(["rearmed"]);
      expect(s.read(540, 45_000)).toMatchObject([
        { type: "pending" },
        { type: "suppressed", until: t(day + 5).toISOString() },
      ]);
      expect(s.read(day, 44_000)).toEqual([]);
      expect(s.tick(day + 5)).toMatchObject([{ type: "fired", since: t(540).toISOString() }]);
    });
  });
});
