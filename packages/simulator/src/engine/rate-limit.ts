import type { RateLimitPolicy } from "../state/types.js";

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number | null };

/** Per-rule sliding-window limiter; only executed triggers are recorded. */
export interface RateLimiter {
  check(ruleId: string, policy: RateLimitPolicy, nowMs: number): RateDecision;
  record(ruleId: string, nowMs: number): void;
  /** Executions inside the current window. */
  used(ruleId: string, policy: RateLimitPolicy, nowMs: number): number;
  clear(): void;
}

export function createRateLimiter(): RateLimiter {
  const hits = new Map<string, number[]>();
  const live = (ruleId: string, policy: RateLimitPolicy, nowMs: number): number[] => {
    const kept = (hits.get(ruleId) ?? []).filter((at) => at > nowMs - policy.windowMs);
    hits.set(ruleId, kept);
    return kept;
  };
  return {
    check(ruleId, policy, nowMs) {
      const inWindow = live(ruleId, policy, nowMs);
      if (inWindow.length < policy.max) return { ok: true };
      const { retryAfter } = policy;
      if (retryAfter === null) return { ok: false, retryAfterSeconds: null };
      if (typeof retryAfter === "number") return { ok: false, retryAfterSeconds: retryAfter };
      // The oldest hit leaving the window frees the next slot.
      const freesAt = inWindow[inWindow.length - policy.max]! + policy.windowMs;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - nowMs) / 1000)) };
    },
    record(ruleId, nowMs) {
      hits.set(ruleId, [...(hits.get(ruleId) ?? []), nowMs]);
    },
    used: (ruleId, policy, nowMs) => live(ruleId, policy, nowMs).length,
    clear: () => hits.clear(),
  };
}
