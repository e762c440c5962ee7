import { describe, expect, it } from "vitest";
import { assertThresholdDefinition, checkThresholdDefinition } from "./definition.js";
import { belowDefinition } from "./threshold-test-kit.js";
import type { ThresholdDefinition } from "./types.js";

describe("checkThresholdDefinition", () => {
  it.each([
    ["below with hysteresis", belowDefinition({ rearm: 80_000 })],
    ["below without hysteresis", belowDefinition()],
    ["above with hysteresis", belowDefinition({ direction: "above", level: 200_000, rearm: 150_000 })],
    ["negative levels (liabilities)", belowDefinition({ level: -10_000, rearm: 0 })],
    ["zero cooldown and hold", belowDefinition({ cooldownMs: 0, forMs: 0 })],
  ])("accepts %s", (_label, definition) => {
    expect(checkThresholdDefinition(definition)).toEqual([]);
    expect(() => assertThresholdDefinition(definition)).not.toThrow();
  });

  it("rejects a re-arm level on the firing side, quoting both amounts", () => {
    expect(checkThresholdDefinition(belowDefinition({ rearm: 30_000 }))).toEqual([
      {
        code: "rearm_wrong_side",
        field: "rearm",
        message:
          'rearm $300.00 is below the level $500.00: a "below" threshold re-arms at or above its level, ' +
          "or it would fire on every reading",
      },
    ]);
    expect(
      checkThresholdDefinition(belowDefinition({ direction: "above", level: 50_000, rearm: 50_001 })),
    ).toMatchObject([
      { code: "rearm_wrong_side", message: expect.stringContaining("at or below its level") },
    ]);
  });

  it("collects every malformed value", () => {
    const broken = {
      direction: "sideways",
      level: 12.5,
      rearm: Number.NaN,
      forMs: -1,
      cooldownMs: Number.POSITIVE_INFINITY,
      onStartup: "sometimes",
      staleAfterMs: 0,
    } as unknown as ThresholdDefinition;
    expect(checkThresholdDefinition(broken).map((issue) => `${issue.code} ${issue.field}`)).toEqual([
      "bad_direction direction",
      "bad_startup_policy onStartup",
      "bad_money level",
      "bad_money rearm",
      "bad_duration forMs",
      "bad_duration cooldownMs",
      "bad_duration staleAfterMs",
    ]);
    expect(() => assertThresholdDefinition(broken)).toThrow(
      /^invalid threshold definition: direction "sideways" is not "below" or "above"; /,
    );
  });

  it("bounds durations so cooldown ends stay representable", () => {
    const [issue] = checkThresholdDefinition(belowDefinition({ cooldownMs: 2 ** 52 }));
    expect(issue).toEqual({
      code: "bad_duration",
      field: "cooldownMs",
      message: "cooldownMs 4503599627370496 is not a whole number of ms from 0 to 3155760000000 (100 years)",
    });
  });
});
