import { describe, expect, it } from "vitest";
import {
  initialThresholdState,
  isCanonicalInstant,
  parseThresholdState,
  resetThresholdState,
} from "./state.js";
import { T0 } from "./threshold-test-kit.js";
import type { ThresholdState } from "./types.js";

const iso = T0.toISOString();
const common = { lastFiredAt: null, lastReadingAt: iso, ignoring: null } as const;
const everyPhase: ThresholdState[] = [
  initialThresholdState(),
  { ...common, phase: "armed" },
  { ...common, phase: "pending", since: iso, suppressed: true, ignoring: "stale" },
  { ...common, phase: "disarmed", cause: "fired", lastFiredAt: iso },
  { ...common, phase: "disarmed", cause: "startup_past_threshold" },
];

describe("threshold state", () => {
  it("starts unknown with nothing remembered", () => {
    expect(initialThresholdState()).toEqual({
      phase: "unknown",
      lastFiredAt: null,
      lastReadingAt: null,
      ignoring: null,
    });
  });

  it.each(everyPhase)("round-trips through JSON and parses back unchanged: %j", (state) => {
    const stored = JSON.parse(JSON.stringify(state));
    expect(stored).toEqual(state);
    expect(parseThresholdState(stored)).toEqual({ ok: true, state });
  });

  it.each([
    ["null", null, "threshold state is not an object"],
    ["a list", [], "threshold state is not an object"],
    ["an unknown phase", { ...common, phase: "firing" }, 'threshold state has an invalid phase: "firing"'],
    [
      "keys of another phase",
      { ...common, phase: "armed", since: iso },
      "threshold state has unexpected keys: since",
    ],
    [
      "a pending state without since",
      { ...common, phase: "pending", suppressed: false },
      "threshold state has an invalid since: undefined",
    ],
    [
      "a non-canonical time",
      { ...common, phase: "armed", lastReadingAt: "2026-03-07 13:00" },
      'threshold state has an invalid lastReadingAt: "2026-03-07 13:00"',
    ],
    [
      "epoch milliseconds instead of ISO",
      { ...common, phase: "armed", lastFiredAt: T0.getTime() },
      `threshold state has an invalid lastFiredAt: ${T0.getTime()}`,
    ],
    [
      "an unknown ignore reason",
      { ...common, phase: "armed", ignoring: "zero" },
      'threshold state has an invalid ignoring: "zero"',
    ],
    [
      "a missing ignoring",
      { phase: "armed", lastFiredAt: null, lastReadingAt: null },
      "threshold state has an invalid ignoring: undefined",
    ],
    [
      "a non-boolean suppressed flag",
      { ...common, phase: "pending", since: iso, suppressed: "no" },
      'threshold state has an invalid suppressed: "no"',
    ],
    [
      "an unknown disarm cause",
      { ...common, phase: "disarmed", cause: "boredom" },
      'invalid cause: "boredom"',
    ],
    [
      "a fired state that forgot when",
      { ...common, phase: "disarmed", cause: "fired" },
      "threshold state is disarmed by a fire but has no lastFiredAt",
    ],
  ])("rejects %s", (_label, value, message) => {
    expect(parseThresholdState(value)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it("reset keeps the cooldown and reading clock but forgets the phase and any outage note", () => {
    const pending: ThresholdState = {
      phase: "pending",
      since: iso,
      suppressed: true,
      lastFiredAt: "2026-03-06T13:00:00.000Z",
      lastReadingAt: iso,
      ignoring: "unavailable",
    };
    expect(resetThresholdState(pending, T0).state).toEqual({
      phase: "unknown",
      lastFiredAt: "2026-03-06T13:00:00.000Z",
      lastReadingAt: iso,
      ignoring: null,
    });
  });

  it.each([
    ["2026-03-07T13:00:00.000Z", true],
    ["2026-03-07T13:00:00Z", false],
    ["2026-02-30T13:00:00.000Z", false],
    ["", false],
    [0, false],
  ])("isCanonicalInstant(%j) is %s", (value, expected) => {
    expect(isCanonicalInstant(value)).toBe(expected);
  });
});
