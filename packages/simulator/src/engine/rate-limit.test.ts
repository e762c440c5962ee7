import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.js";

const policy = { max: 2, windowMs: 60_000, retryAfter: "computed" as const };

describe("createRateLimiter", () => {
  it("allows max hits per sliding window and says when the next slot frees", () => {
    const limiter = createRateLimiter();
    limiter.record("r", 0);
    expect(limiter.check("r", policy, 10_000)).toEqual({ ok: true });
    limiter.record("r", 10_000);
    expect(limiter.check("r", policy, 20_000)).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(limiter.check("r", policy, 59_999)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.check("r", policy, 60_000)).toEqual({ ok: true });
    expect(limiter.used("r", policy, 60_000)).toBe(1);
  });

  it("keeps rules apart", () => {
    const limiter = createRateLimiter();
    limiter.record("a", 0);
    limiter.record("a", 0);
    expect(limiter.check("a", policy, 1).ok).toBe(false);
    expect(limiter.check("b", policy, 1).ok).toBe(true);
  });

  it("reports a fixed Retry-After or none, as configured", () => {
    const limiter = createRateLimiter();
    limiter.record("r", 0);
    expect(limiter.check("r", { max: 1, windowMs: 1000, retryAfter: 30 }, 1)).toEqual({
      ok: false,
      retryAfterSeconds: 30,
    });
    expect(limiter.check("r", { max: 1, windowMs: 1000, retryAfter: null }, 1)).toEqual({
      ok: false,
      retryAfterSeconds: null,
    });
  });
});
