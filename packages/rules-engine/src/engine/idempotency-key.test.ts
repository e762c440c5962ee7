import { IDEMPOTENCY_KEY_PATTERN } from "@seqd/core";
import { describe, expect, it } from "vitest";
import { idempotencyKey } from "./idempotency-key.js";

describe("idempotencyKey", () => {
  // Frozen forever: a changed derivation would make a restarted daemon resend with new keys.
  // Checked with coreutils: printf 'payday-sweep\0002026-03-13T14:00:00.000Z' | sha256sum
  it.each([
    ["payday-sweep", "2026-03-13T14:00:00.000Z", "sqd-956e6eafb46f43569396cd9a34b23221"],
    ["checking-low", "crossing:2026-03-07T13:05:00.000Z", "sqd-6eb1d17887916242a99250406e2eb03c"],
    ["payday-sweep", "manual:2026-03-07T13:05:00.123Z", "sqd-6187eecd94c9e25a954d464268173c20"],
    // sha256 of a single NUL byte, a published value.
    ["", "", "sqd-6e340b9cffb37a989ca544e6bb780a2c"],
  ])("%s @ %s → %s", (triggerId, occurrence, key) => {
    expect(idempotencyKey(triggerId, occurrence)).toBe(key);
  });

  it("is 36 characters Sequence accepts, and differs per trigger and per occurrence", () => {
    const keys = new Set<string>();
    for (const trigger of ["a", "b", "payday-sweep"]) {
      for (const occurrence of ["2026-03-13T14:00:00.000Z", "2026-03-13T14:00:01.000Z", "crossing:x"]) {
        const key = idempotencyKey(trigger, occurrence);
        expect(key).toHaveLength(36);
        expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
        expect(key).toMatch(/^sqd-[0-9a-f]{32}$/);
        keys.add(key);
      }
    }
    expect(keys.size).toBe(9);
  });

  it("separates trigger id and occurrence, so moving characters between them changes the key", () => {
    expect(idempotencyKey("ab", "c")).not.toBe(idempotencyKey("a", "bc"));
  });
});
