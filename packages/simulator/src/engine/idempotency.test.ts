import { describe, expect, it } from "vitest";
import type { IdempotencyPolicy } from "../state/types.js";
import { createIdempotencyStore, isValidKey } from "./idempotency.js";

const policy: IdempotencyPolicy = { retentionMs: 1000, duplicate: "replay", scope: "rule", keyFormat: "any" };
const answer = (storedAtMs: number) => ({ body: "{}", requestId: "req", executionId: "ex", storedAtMs });

describe("createIdempotencyStore", () => {
  it("finds a key until the retention has passed", () => {
    const store = createIdempotencyStore(policy);
    store.remember("r", "k", answer(0));
    expect(store.lookup("r", "k", 999)?.requestId).toBe("req");
    expect(store.lookup("r", "k", 1000)).toBeUndefined();
    expect(store.size(1000)).toBe(0);
  });

  it("stays exact when the wall clock is stepped back", () => {
    const store = createIdempotencyStore(policy);
    store.remember("r", "late", answer(5000));
    store.remember("r", "early", answer(0));
    expect(store.lookup("r", "early", 1000)).toBeUndefined();
    expect(store.lookup("r", "late", 1000)?.requestId).toBe("req");
  });

  it("scopes keys per rule by default and across rules with scope global", () => {
    const perRule = createIdempotencyStore(policy);
    perRule.remember("a", "k", answer(0));
    expect(perRule.lookup("b", "k", 1)).toBeUndefined();
    const global = createIdempotencyStore({ ...policy, scope: "global" });
    global.remember("a", "k", answer(0));
    expect(global.lookup("b", "k", 1)?.requestId).toBe("req");
  });
});

describe("isValidKey", () => {
  it("accepts any non-empty key, or only Platform-style keys when asked", () => {
    expect(isValidKey("anything goes €", "any")).toBe(true);
    expect(isValidKey("payday-sweep:2026-03-01T14:00Z", "platform")).toBe(true);
    expect(isValidKey("x".repeat(36), "platform")).toBe(true);
    expect(isValidKey("x".repeat(37), "platform")).toBe(false);
    expect(isValidKey("has space", "platform")).toBe(false);
  });
});
