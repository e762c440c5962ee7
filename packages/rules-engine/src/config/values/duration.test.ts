import { describe, expect, it } from "vitest";
import { formatDuration, MAX_DURATION_MS, parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["15m", 900_000],
    ["6h", 21_600_000],
    ["1d", 86_400_000],
    ["1h30m", 5_400_000],
    ["1d12h", 129_600_000],
    ["0s", 0],
    ["90m", 5_400_000],
    ["3650d", MAX_DURATION_MS],
  ])("%s → %i ms", (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    [15, "15 has no unit", 'durations need a unit: "15s", "15m", "15h" or "15d"'],
    ["15", '"15" is not a duration', 'add a unit: "15m" (units: s, m, h, d)'],
    ["15 m", '"15 m" is not a duration', 'remove the spaces: "15m"'],
    ["1.5h", '"1.5h" is not a duration', 'use whole numbers and combine units: "1h30m", not "1.5h"'],
    ["-5m", '"-5m" is not a duration', "durations cannot be negative"],
    ["500ms", '"500ms" is not a duration', "the smallest unit is s (seconds)"],
    ["2w", '"2w" is not a duration', 'weeks are written in days: "14d"'],
    ["15 minutes", '"15 minutes" is not a duration', 'write "15m" (units: s, m, h, d)'],
    ["30m1h", '"30m1h" is not a duration', "write each unit once, largest first: 1d6h, 1h30m"],
    ["3651d", '"3651d" is longer than ten years', "check the number and the unit"],
    ["", '"" is not a duration', "write a whole number and a unit: 30s, 15m, 6h, 1d, or combine them: 1h30m"],
  ])("%j is refused: %s", (input, message, hint) => {
    expect(parseDuration(input)).toEqual({ ok: false, message, hint });
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [5_400_000, "1h30m"],
    [86_400_000 + 1_000, "1d1s"],
    [2_400_000, "40m"],
  ])("%i ms → %s, which parses back", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });
});
