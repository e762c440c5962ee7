import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["30s", 30_000],
    ["15m", 900_000],
    ["6h", 21_600_000],
    ["1d", 86_400_000],
  ])("reads %s", (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it("rejects text without a unit and says how to write it", () => {
    expect(parseDuration("30")).toMatchObject({ ok: false, message: '"30" is not a duration' });
    expect(parseDuration("1.5s")).toMatchObject({ ok: false });
    expect(parseDuration(60)).toEqual({
      ok: false,
      message: "60 has no unit",
      hint: 'write "60s" for seconds or "60ms"',
    });
    expect(parseDuration(true)).toMatchObject({
      ok: false,
      message: 'expected a duration like "30s", got boolean',
    });
  });

  it("formats back to the largest whole unit", () => {
    expect([60_000, 86_400_000, 1500, 90_000].map(formatDuration)).toEqual(["1m", "1d", "1500ms", "90s"]);
  });
});
