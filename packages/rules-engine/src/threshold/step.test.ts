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

  describe("stale and failed readings change nothing", () => {
    it("a reading exactly staleAfter old is fresh; one ms older is stale", () => {
      const fresh = sim({ staleAfterMs: 20 * MINUTE });
      expect(types(fresh.deliver(20, { status: "ok", cents: cents(90_000), at: t(0) }))).toEqual(["armed"]);
      const stale = sim({ staleAfterMs: 20 * MINUTE });
      const oneMsOlder = new Date(t(0).getTime() - 1);
      expect(stale.deliver(20, { status: "ok", cents: cents(90_000), at: oneMsOlder })).toEqual([
        expect.objectContaining({ reason: "stale", detail: "reading is 20m old (stale after 20m)" }),
      ]);
      expect(stale.state.phase).toBe("unknown");
    });

    it("a stale reading past the level does not start a hold", () => {
      const s = sim();
      s.read(0, 90_000);
      expect(s.deliver(30, { status: "ok", cents: cents(45_000), at: t(5) })).toMatchObject([
        { type: "ignored", reason: "stale", cents: cents(45_000), phase: "armed" },
      ]);
      expect(s.state.phase).toBe("armed");
    });

    it("a stale reading at the re-arm level does not re-arm", () => {
      const s = sim();
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.deliver(40, { status: "ok", cents: cents(90_000), at: t(10) });
      expect(s.state.phase).toBe("disarmed");
    });

    it("never zero: failed reads while the balance was above the level never fire, however long they last", () => {
      const s = sim({ forMs: 15 * MINUTE });
      s.read(0, 90_000);
      const events = [];
      for (let minute = 5; minute <= 24 * 60; minute += 5) events.push(...s.fail(minute));
      expect(events).toEqual([
        {
          type: "ignored",
          reason: "unavailable",
          detail: "HTTP 503 from Sequence",
          phase: "armed",
          at: t(5).toISOString(),
          cents: null,
          readingAt: t(5).toISOString(),
        },
      ]);
      expect(s.state.phase).toBe("armed");
      expect(types(s.read(24 * 60 + 5, 90_000))).toEqual([]);
      expect(s.state.ignoring).toBeNull();
    });

    it("reports each change in the kind of outage once", () => {
      const s = sim();
      s.read(0, 90_000);
      expect(types(s.tick(21))).toEqual(["ignored"]);
      expect(types(s.tick(22))).toEqual([]);
      expect(s.fail(23)).toMatchObject([{ reason: "unavailable" }]);
      expect(s.read(24, 90_000)).toEqual([]);
      expect(s.tick(45)).toMatchObject([{ reason: "stale" }]);
    });
  });

  describe("out-of-order readings", () => {
    it("ignores a reading older than one already seen, even if it is past", () => {
      const s = sim();
      s.read(0, 90_000);
      s.read(10, 85_000);
      const events = s.deliver(11, { status: "ok", cents: cents(45_000), at: t(9) });
      expect(events).toEqual([
        expect.objectContaining({
          type: "ignored",
          reason: "out_of_order",
          detail: `reading from ${t(9).toISOString()} is older than ${t(10).toISOString()}`,
        }),
      ]);
      expect(s.state).toMatchObject({ phase: "armed", lastReadingAt: t(10).toISOString() });
    });

    it("a failed read also moves the clock of readings forward", () => {
      const s = sim();
      s.read(0, 90_000);
      s.fail(10);
      expect(s.deliver(11, { status: "ok", cents: cents(45_000), at: t(9) })).toMatchObject([
        { reason: "out_of_order" },
      ]);
      expect(s.state.phase).toBe("armed");
    });

    it("uses a newer reading normally after ignoring a late one", () => {
      const s = sim();
      s.read(0, 90_000);
      s.deliver(11, { status: "ok", cents: cents(45_000), at: new Date(T0.getTime() - 1) });
      expect(types(s.read(12, 45_000))).toEqual(["pending", "fired"]);
    });
  });

  describe("cooldown", () => {
    const cooldownMs = 60 * MINUTE;

    it("suppresses a completed hold once, then fires at the first evaluation from the cooldown's end", () => {
      const s = sim({ cooldownMs });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.read(10, 90_000);
      const suppressed = s.read(15, 45_000);
      expect(types(suppressed)).toEqual(["pending", "suppressed"]);
      expect(suppressed[1]).toMatchObject({
        reason: "cooldown",
        since: t(15).toISOString(),
        until: t(65).toISOString(),
        phase: "pending",
      });
      expect(s.read(20, 44_000)).toEqual([]);
      expect(s.tick(40)).toEqual([]);
      expect(s.read(64.999, 44_000)).toEqual([]);
      expect(s.tick(65)).toMatchObject([{ type: "fired", since: t(15).toISOString(), heldMs: 50 * MINUTE }]);
      expect(s.fires().map((event) => event.at)).toEqual([t(5).toISOString(), t(65).toISOString()]);
    });

    it("a recovery during the cooldown cancels the suppressed hold; a new crossing is suppressed again, once", () => {
      const s = sim({ cooldownMs });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.read(10, 90_000);
      s.read(15, 45_000);
      expect(types(s.read(20, 90_000))).toEqual(["hold_cancelled"]);
      expect(types(s.read(25, 45_000))).toEqual(["pending", "suppressed"]);
      expect(s.tick(30)).toEqual([]);
    });

    it("a hold still running when the cooldown ends fires when the hold completes, unsuppressed", () => {
      const s = sim({ cooldownMs, forMs: 15 * MINUTE });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.tick(20);
      s.read(25, 90_000);
      s.read(70, 45_000);
      expect(s.tick(80)).toEqual([]);
      expect(s.tick(84.999)).toEqual([]);
      expect(types(s.tick(85))).toEqual(["fired"]);
      expect(types(s.log)).not.toContain("suppressed");
    });

    it("a completed hold stays pending through a stale spell and fires after the cooldown on a fresh reading", () => {
      const s = sim({ cooldownMs });
      s.read(0, 90_000);
      s.read(5, 45_000);
      s.read(10, 90_000);
      s.read(15, 45_000);
      expect(types(s.tick(80))).toEqual(["ignored"]);
      expect(types(s.read(81, 45_000))).toEqual(["fired"]);
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

describe("stepThreshold arguments", () => {
  it("refuses an invalid definition rather than guessing", () => {
    const broken = belowDefinition({ rearm: 40_000 });
    expect(() => stepThreshold(broken, initialThresholdState(), undefined, T0)).toThrow(
      /rearm \$400\.00 is below the level \$500\.00/,
    );
  });

  it("refuses an invalid now", () => {
    expect(() =>
      stepThreshold(belowDefinition(), initialThresholdState(), undefined, new Date(Number.NaN)),
    ).toThrow(RangeError);
  });

  it.each([
    ["an invalid reading time", { status: "ok", cents: 45_000, at: new Date(Number.NaN) }],
    ["a fractional balance", { status: "ok", cents: 450.5, at: T0 }],
    ["a non-finite balance", { status: "ok", cents: Number.NaN, at: T0 }],
  ] as const)("ignores %s instead of trusting it", (_label, reading) => {
    const result = stepThreshold(
      belowDefinition(),
      { ...initialThresholdState(), phase: "armed" },
      reading,
      T0,
    );
    expect(result.state.phase).toBe("armed");
    expect(result.events).toMatchObject([{ type: "ignored", reason: "invalid_reading" }]);
  });

  it("a reading stamped in the future holds until its own time has passed", () => {
    const armed = { ...initialThresholdState(), phase: "armed" } as const;
    const result = stepThreshold(belowDefinition(), armed, { status: "ok", cents: 45_000, at: t(1) }, T0);
    expect(types(result.events)).toEqual(["pending"]);
    expect(types(stepThreshold(belowDefinition(), result.state, undefined, t(1)).events)).toEqual([
      "ignored",
    ]);
    const tick = stepThreshold(
      belowDefinition(),
      result.state,
      { status: "ok", cents: 45_000, at: t(1) },
      t(1),
    );
    expect(types(tick.events)).toEqual(["fired"]);
  });
});
