import { describe, expect, it } from "vitest";
import { initialThresholdState } from "./state.js";
import { stepThreshold } from "./step.js";
import { belowDefinition, createSim, MINUTE, mirrorCents, T0, t, types } from "./threshold-test-kit.js";
import { THRESHOLD_DIRECTIONS } from "./types.js";

// Every rule runs for `below` as written and for `above` mirrored (amounts v → $2,000 − v).
describe.each(THRESHOLD_DIRECTIONS)("stepThreshold readings (%s)", (direction) => {
  const sim = (overrides: Parameters<typeof belowDefinition>[0] = {}) =>
    createSim(belowDefinition(overrides), { direction });
  const cents = (value: number) => mirrorCents(direction, value);

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
