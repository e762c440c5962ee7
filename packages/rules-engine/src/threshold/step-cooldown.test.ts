import { describe, expect, it } from "vitest";
import { belowDefinition, createSim, MINUTE, t, types } from "./threshold-test-kit.js";
import { THRESHOLD_DIRECTIONS } from "./types.js";

// Runs for `below` as written and for `above` mirrored (amounts v → $2,000 − v).
describe.each(THRESHOLD_DIRECTIONS)("stepThreshold cooldown (%s)", (direction) => {
  const sim = (overrides: Parameters<typeof belowDefinition>[0] = {}) =>
    createSim(belowDefinition(overrides), { direction });

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
