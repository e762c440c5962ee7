import { describe, expect, it } from "vitest";
import { createFakeClock } from "./clock.js";
import {
  type CallSite,
  ConflictError,
  HttpError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  type SequenceError,
} from "./errors.js";
import {
  decideRetry,
  defaultAccountsRetryPolicy,
  defaultTriggerRetryPolicy,
  type GiveUpEvent,
  type RetryEvent,
  type RetryInput,
  type RetryPolicy,
  withRetry,
} from "./retry.js";

const site: CallSite = {
  op: "triggerRule",
  method: "POST",
  url: "https://seq.test/remote-api/rules/ru_1/trigger",
};
const policy: RetryPolicy = {
  baseMs: 1_000,
  capMs: 60_000,
  maxAttempts: 10,
  deadlineMs: 600_000,
  rateLimitFloorMs: 30_000,
  maxRetryAfterMs: 300_000,
};

const serverError = (retryAfterMs?: number) =>
  new HttpError({ ...site, status: 503, code: "SERVER_ERROR", retryAfterMs });
const rateLimited = (retryAfterMs?: number) =>
  new RateLimitedError({ ...site, status: 429, code: "TOO_MANY_REQUESTS", retryAfterMs });
const reset = () =>
  new NetworkError({ ...site, detail: "reset", mayHaveReachedSequence: true, cause: undefined });

/** A small deterministic PRNG (mulberry32) so jitter tests are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function decide(overrides: Partial<RetryInput> & { error: SequenceError }) {
  return decideRetry({ attempt: 1, startedAtMs: 0, nowMs: 0, policy, random: () => 0.5, ...overrides });
}

describe("decideRetry", () => {
  it("never retries a permanent error", () => {
    const error = new HttpError({ ...site, status: 400, code: "INVALID_REQUEST" });
    expect(decide({ error })).toEqual({ retry: false, reason: "not-retryable" });
    expect(decide({ error: new InvalidInputError({ ...site, reason: "bad key" }) })).toEqual({
      retry: false,
      reason: "not-retryable",
    });
  });

  it("stops at a 409 with its own reason, so the caller can treat it as accepted", () => {
    const conflict = new ConflictError({ ...site, status: 409, code: "CONFLICT" });
    expect(decide({ error: conflict })).toEqual({ retry: false, reason: "conflict" });
  });

  it("stops after maxAttempts attempts in total", () => {
    expect(decide({ error: reset(), attempt: 9 }).retry).toBe(true);
    expect(decide({ error: reset(), attempt: 10 })).toEqual({ retry: false, reason: "max-attempts" });
  });

  it("doubles the jitter window per attempt up to the cap", () => {
    const delays = [1, 2, 3, 4, 7, 8, 9].map((attempt) =>
      decide({ error: reset(), attempt, random: () => 0.5 }),
    );
    expect(delays).toEqual(
      [500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000].map((delayMs) => ({ retry: true, delayMs })),
    );
  });

  it("keeps full-jitter delays inside [0, window) and spreads them over it", () => {
    const random = seeded(20260101);
    for (let attempt = 1; attempt <= 9; attempt++) {
      const window = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      const delays: number[] = [];
      for (let i = 0; i < 400; i++) {
        const decision = decide({ error: reset(), attempt, random });
        if (!decision.retry) throw new Error("expected a retry");
        delays.push(decision.delayMs);
      }
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThan(window);
      // Jitter really spreads: the seeded draws reach both ends of the window.
      expect(Math.min(...delays)).toBeLessThan(window * 0.05);
      expect(Math.max(...delays)).toBeGreaterThan(window * 0.95);
    }
  });

  it("waits at least the floor after a 429 without Retry-After", () => {
    expect(decide({ error: rateLimited(), random: () => 0 })).toEqual({ retry: true, delayMs: 30_000 });
    // Once the jitter window outgrows the floor, the jittered delay wins.
    expect(decide({ error: rateLimited(), attempt: 8, random: () => 0.99 })).toEqual({
      retry: true,
      delayMs: 59_400,
    });
    expect(decide({ error: serverError(), random: () => 0 })).toEqual({ retry: true, delayMs: 0 });
  });

  it("waits exactly the Retry-After, even when it is above the cap or below the floor", () => {
    expect(decide({ error: rateLimited(7_000), random: () => 0.99 })).toEqual({
      retry: true,
      delayMs: 7_000,
    });
    expect(decide({ error: rateLimited(120_000) })).toEqual({ retry: true, delayMs: 120_000 });
    expect(decide({ error: rateLimited(0) })).toEqual({ retry: true, delayMs: 0 });
    expect(decide({ error: serverError(4_000) })).toEqual({ retry: true, delayMs: 4_000 });
  });

  it("gives up on a Retry-After longer than allowed rather than shortening it", () => {
    expect(decide({ error: rateLimited(300_001) })).toEqual({ retry: false, reason: "retry-after-too-long" });
    expect(decide({ error: rateLimited(300_000) })).toEqual({ retry: true, delayMs: 300_000 });
  });

  it("gives up when the next attempt would start after the deadline", () => {
    const late = { startedAtMs: 1_000, nowMs: 1_000 + 600_000 - 7_000 };
    expect(decide({ error: rateLimited(7_000), ...late })).toEqual({ retry: true, delayMs: 7_000 });
    expect(decide({ error: rateLimited(7_001), ...late })).toEqual({ retry: false, reason: "deadline" });
    expect(decide({ error: serverError(), ...late, attempt: 5, random: () => 0.5 })).toEqual({
      retry: false,
      reason: "deadline",
    });
  });
});

describe("default policies", () => {
  it("let a trigger's whole backoff schedule fit its deadline", () => {
    const p = defaultTriggerRetryPolicy;
    let worst = 0;
    for (let attempt = 1; attempt < p.maxAttempts; attempt++)
      worst += Math.min(p.capMs, p.baseMs * 2 ** (attempt - 1));
    expect(worst).toBe(810_000);
    expect(worst).toBeLessThan(p.deadlineMs);
    expect(p.maxRetryAfterMs).toBeLessThan(p.deadlineMs);
  });

  it("keep a poll's retries well inside one 5-minute polling cycle", () => {
    expect(defaultAccountsRetryPolicy.deadlineMs).toBeLessThanOrEqual(60_000);
    expect(Object.isFrozen(defaultAccountsRetryPolicy)).toBe(true);
  });
});

describe("withRetry", () => {
  function harness() {
    const clock = createFakeClock();
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock.advance(ms);
    };
    return { clock, slept, sleep };
  }

  it("retries until success, telling onRetry about each wait", async () => {
    const { clock, slept, sleep } = harness();
    const errors = [reset(), rateLimited(7_000)];
    const attempts: number[] = [];
    const events: RetryEvent[] = [];
    const result = await withRetry(
      async (attempt) => {
        attempts.push(attempt);
        const error = errors.shift();
        if (error) throw error;
        return "accepted";
      },
      { policy, clock, sleep, random: () => 0.5, onRetry: (event) => events.push(event) },
    );
    expect(result).toBe("accepted");
    expect(attempts).toEqual([1, 2, 3]);
    expect(slept).toEqual([500, 7_000]);
    expect(clock.monotonicMs()).toBe(7_500);
    expect(events.map((e) => [e.attempt, e.delayMs, e.error.code])).toEqual([
      [1, 500, "NETWORK_ERROR"],
      [2, 7_000, "TOO_MANY_REQUESTS"],
    ]);
  });

  it("throws the last error unchanged when it gives up", async () => {
    const { clock, sleep } = harness();
    const last = new HttpError({ ...site, status: 401, code: "INVALID_API_SECRET" });
    const failures = [serverError(), last];
    const giveUps: GiveUpEvent[] = [];
    const run = withRetry(
      async () => {
        throw failures.shift() ?? new Error("called too often");
      },
      { policy, clock, sleep, random: () => 0, onGiveUp: (event) => giveUps.push(event) },
    );
    await expect(run).rejects.toBe(last);
    expect(giveUps).toEqual([{ error: last, attempt: 2, reason: "not-retryable" }]);
  });

  it("measures the deadline on the clock, including time spent inside attempts", async () => {
    const { clock, slept, sleep } = harness();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        clock.advance(250_000); // a slow attempt (headers timeout)
        throw reset();
      },
      { policy, clock, sleep, random: () => 0 },
    );
    await expect(run).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    // Attempts start at 0 s, 250 s and 500 s; a fourth would start at 750 s, past the 600 s deadline.
    expect(calls).toBe(3);
    expect(slept).toEqual([0, 0]);
  });

  it("does not retry errors that are not SequenceErrors", async () => {
    const { clock, sleep } = harness();
    let calls = 0;
    const bug = new TypeError("x is undefined");
    const run = withRetry(
      async () => {
        calls++;
        throw bug;
      },
      { policy, clock, sleep },
    );
    await expect(run).rejects.toBe(bug);
    expect(calls).toBe(1);
  });
});
