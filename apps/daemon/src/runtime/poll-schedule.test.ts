import { describe, expect, it } from "vitest";
import { nextPollDelay } from "./poll-schedule.js";

const base = { everyMs: 300_000, staleAfterMs: 1_200_000, failures: 0, unauthorized: false, random: () => 0 };

describe("nextPollDelay", () => {
  it("is polling.every after a good poll, plus at most 10 % (≤ 5 s) of jitter", () => {
    expect(nextPollDelay(base)).toBe(300_000);
    expect(nextPollDelay({ ...base, random: () => 0.999 })).toBe(304_995);
    expect(nextPollDelay({ ...base, everyMs: 2_000, random: () => 0.5 })).toBe(2_100);
  });

  it("doubles after each failed cycle, capped at min(15 min, staleAfter / 2) but never below every", () => {
    expect([1, 2, 3].map((failures) => nextPollDelay({ ...base, failures }))).toEqual([
      600_000, 600_000, 600_000,
    ]);
    const long = { ...base, staleAfterMs: 86_400_000 };
    expect([1, 2, 3].map((failures) => nextPollDelay({ ...long, failures }))).toEqual([
      600_000, 900_000, 900_000,
    ]);
    expect(nextPollDelay({ ...base, everyMs: 3_600_000, failures: 4 })).toBe(3_600_000);
  });

  it("slows to 15 min while the token is rejected", () => {
    expect(nextPollDelay({ ...base, failures: 1, unauthorized: true })).toBe(900_000);
    expect(nextPollDelay({ ...base, everyMs: 3_600_000, unauthorized: true })).toBe(3_600_000);
  });
});
