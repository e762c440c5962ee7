import { describe, expect, it } from "vitest";
import { describeThresholdState } from "./describe.js";
import { belowDefinition, createSim, MINUTE, t } from "./threshold-test-kit.js";
import type { ThresholdState } from "./types.js";

// T0 is 2026-03-07 08:00 in New York (EST); DST starts the next day.
const timeZone = "America/New_York";
const HOUR = 60 * MINUTE;
const definition = belowDefinition({ rearm: 80_000, forMs: 15 * MINUTE, cooldownMs: 24 * HOUR });
const describeAt = (state: ThresholdState, minute: number, def = definition) =>
  describeThresholdState(state, { definition: def, now: t(minute), timeZone });

describe("describeThresholdState", () => {
  it("walks one trigger through its phases", () => {
    const sim = createSim(definition);
    const lines: string[] = [];
    const note = (minute: number) => lines.push(`+${minute}m ${describeAt(sim.state, minute)}`);
    note(0);
    sim.tick(0);
    note(0);
    sim.read(1, 90_000);
    note(1);
    sim.read(5, 45_000);
    note(15);
    sim.fail(18);
    note(25);
    sim.read(26, 44_000);
    note(30);
    expect(lines).toEqual([
      "+0m unknown: waiting for a usable balance reading",
      "+0m unknown: waiting for a usable balance reading; no balance reading yet",
      "+1m armed: fires when the balance stays below $500.00 for 15m",
      "+15m pending since 08:05 (10m of 15m)",
      "+25m pending since 08:05 (20m of 15m); latest balance read failed",
      "+30m disarmed: fired at 08:26; re-arms when the balance is at or above $800.00; cooldown until 2026-03-08 09:26",
    ]);
  });

  it("says when a completed hold is about to fire, or is held back by the cooldown", () => {
    const due: ThresholdState = {
      phase: "pending",
      since: t(5).toISOString(),
      suppressed: false,
      lastFiredAt: null,
      lastReadingAt: t(5).toISOString(),
      ignoring: null,
    };
    expect(describeAt(due, 20)).toBe("pending since 08:05 (15m of 15m); fires at the next evaluation");
    const held = { ...due, suppressed: true, lastFiredAt: t(-60).toISOString() };
    expect(describeAt(held, 20)).toBe("pending since 08:05 (15m of 15m); cooldown until 2026-03-08 08:00");
  });

  it("prints the date for times on another local day and handles a future since", () => {
    const pending: ThresholdState = {
      phase: "pending",
      since: t(-14 * 60).toISOString(),
      suppressed: false,
      lastFiredAt: null,
      lastReadingAt: null,
      ignoring: null,
    };
    expect(describeAt(pending, 0, belowDefinition({ forMs: 24 * HOUR }))).toBe(
      "pending since 2026-03-06 18:00 (14h of 1d)",
    );
    expect(describeAt(pending, -15 * 60, belowDefinition({ forMs: HOUR }))).toBe(
      "pending since 18:00 (0s of 1h)",
    );
  });

  it("describes a startup disarm and an above trigger without a hold", () => {
    const above = belowDefinition({ direction: "above", level: 200_000, rearm: 150_000 });
    const startup: ThresholdState = {
      phase: "disarmed",
      cause: "startup_past_threshold",
      lastFiredAt: null,
      lastReadingAt: null,
      ignoring: null,
    };
    expect(describeAt(startup, 0, above)).toBe(
      "disarmed: the balance was already above $2,000.00 when watching started; " +
        "re-arms when the balance is at or below $1,500.00",
    );
    const armed: ThresholdState = { phase: "armed", lastFiredAt: null, lastReadingAt: null, ignoring: null };
    expect(describeAt(armed, 0, above)).toBe("armed: fires when the balance goes above $2,000.00");
  });
});
