import type { Clock } from "./clock.js";
import { ConflictError, RateLimitedError, SequenceError } from "./errors.js";

/** Bounds and shape of retrying one intent (one trigger firing, one poll). All times in ms. */
export interface RetryPolicy {
  /** Backoff window before the first retry; it doubles with each further attempt. */
  baseMs: number;
  /** Largest backoff window. Does not shorten a server's `Retry-After`. */
  capMs: number;
  /** Total attempts, the first one included. */
  maxAttempts: number;
  /** Budget measured from the start of the first attempt: no attempt is scheduled past it. */
  deadlineMs: number;
  /** Least wait after a 429 that came without `Retry-After` (the throttle window is unknown). */
  rateLimitFloorMs: number;
  /** Longest `Retry-After` we will wait out; a longer one means give up (it is never shortened). */
  maxRetryAfterMs: number;
}

/**
 * Defaults for triggering a rule. A trigger moves money, so retries are
 * patient but bounded, and every one reuses the firing's idempotency key:
 * - `baseMs` 2 s: the first retry lands within 2 s, which covers a reset on a
 *   stale keep-alive socket or a single failed gateway hop.
 * - `capMs` 5 min with 10 attempts: windows 2, 4, … 256, 300 s, so a Sequence
 *   outage of ~10 minutes is ridden out (at most 13.5 min of backoff in total,
 *   ~7 min on average) without hammering it.
 * - `deadlineMs` 30 min: a "9:00 sweep" that lands at 9:30 still means what
 *   the user wrote; later than that a human should decide (the daemon
 *   alerts). Far inside the 24 h idempotency retention, so retries stay deduped.
 * - `rateLimitFloorMs` 30 s: Sequence throttles per rule with an unknown
 *   window (sequence-api.md §5 says start at ≥ 30 s); retrying sooner only
 *   earns another 429.
 * - `maxRetryAfterMs` 15 min: we wait as long as Sequence asks up to this;
 *   beyond it the firing fails and alerts rather than drifting for hours.
 */
export const defaultTriggerRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  baseMs: 2_000,
  capMs: 300_000,
  maxAttempts: 10,
  deadlineMs: 1_800_000,
  rateLimitFloorMs: 30_000,
  maxRetryAfterMs: 900_000,
});

/**
 * Defaults for one balance poll. A failed poll only means this cycle's
 * readings are missing (they go stale, never 0) and the next cycle (5 min by
 * default) tries again, so retries are few and short: 3 attempts within 30 s,
 * windows 1 s then 2 s, 5 s floor after a bare 429.
 */
export const defaultAccountsRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  baseMs: 1_000,
  capMs: 10_000,
  maxAttempts: 3,
  deadlineMs: 30_000,
  rateLimitFloorMs: 5_000,
  maxRetryAfterMs: 30_000,
});

/** Why retrying stopped: a closed set, for logs and the firing ledger. */
export const GiveUpReason = {
  NOT_RETRYABLE: "not-retryable",
  /** A 409: Sequence already has this idempotency key; the caller decides what that means. */
  CONFLICT: "conflict",
  MAX_ATTEMPTS: "max-attempts",
  DEADLINE: "deadline",
  RETRY_AFTER_TOO_LONG: "retry-after-too-long",
} as const;

export type GiveUpReason = (typeof GiveUpReason)[keyof typeof GiveUpReason];

/** The outcome of {@link decideRetry}. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: GiveUpReason };

/** Inputs of {@link decideRetry}. Times are ms in one consistent time base (monotonic, or wall ms when persisted). */
export interface RetryInput {
  error: SequenceError;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  /** When the first attempt started. */
  startedAtMs: number;
  nowMs: number;
  policy: RetryPolicy;
  /** Uniform in [0, 1); inject a seeded one in tests. */
  random: () => number;
}

/**
 * Decides whether and when to retry after a failed attempt. Pure: the
 * dispatcher persists attempts and schedules the retry on its own timer.
 *
 * - A `Retry-After` (already in `error.retryAfterMs`) is authoritative: the
 *   delay is exactly that, never shortened; above `maxRetryAfterMs` or past
 *   the deadline it means give up.
 * - Otherwise full jitter: `delay = random() * min(capMs, baseMs * 2^(attempt-1))`,
 *   raised to `rateLimitFloorMs` after a 429.
 * - A retry that could not start before `startedAtMs + deadlineMs` is not scheduled.
 *
 * @example decideRetry({ error, attempt: 1, startedAtMs: 0, nowMs: 150, policy, random: Math.random })
 * // { retry: true, delayMs: 1337 }
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { error, attempt, policy } = input;
  if (error instanceof ConflictError) return { retry: false, reason: GiveUpReason.CONFLICT };
  if (!error.retryable) return { retry: false, reason: GiveUpReason.NOT_RETRYABLE };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: GiveUpReason.MAX_ATTEMPTS };
  let delayMs: number;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) {
      return { retry: false, reason: GiveUpReason.RETRY_AFTER_TOO_LONG };
    }
    delayMs = error.retryAfterMs;
  } else {
    const window = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
    delayMs = Math.floor(input.random() * window);
    if (error instanceof RateLimitedError) delayMs = Math.max(delayMs, policy.rateLimitFloorMs);
  }
  if (input.nowMs + delayMs > input.startedAtMs + policy.deadlineMs) {
    return { retry: false, reason: GiveUpReason.DEADLINE };
  }
  return { retry: true, delayMs };
}

/** Reported before each wait. */
export interface RetryEvent {
  error: SequenceError;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
}

/** Reported once when retrying stops on a failure. */
export interface GiveUpEvent {
  error: SequenceError;
  attempt: number;
  reason: GiveUpReason;
}

/** Options of {@link withRetry}. */
export interface WithRetryOptions {
  policy: RetryPolicy;
  /** Elapsed time is read from `clock.monotonicMs()`. */
  clock: Clock;
  /** Waits `ms`; tests pass one that advances a fake clock instead of sleeping. */
  sleep: (ms: number) => Promise<void>;
  /** Defaults to `Math.random`. */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
  onGiveUp?: (event: GiveUpEvent) => void;
}

/**
 * Runs `fn` until it succeeds or {@link decideRetry} gives up, then throws
 * the last error unchanged. Only {@link SequenceError}s are retried; anything
 * else is a bug and propagates at once. `fn` gets the 1-based attempt number
 * and must send the same request (same idempotency key) every time.
 *
 * @example
 * const result = await withRetry(() => client.triggerRule({ url, secret, idempotencyKey }), {
 *   policy: defaultTriggerRetryPolicy,
 *   clock: systemClock,
 *   sleep: (ms) => setTimeout(ms), // from node:timers/promises
 * });
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const random = options.random ?? Math.random;
  const startedAtMs = options.clock.monotonicMs();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof SequenceError)) throw error;
      const decision = decideRetry({
        error,
        attempt,
        startedAtMs,
        nowMs: options.clock.monotonicMs(),
        policy: options.policy,
        random,
      });
      if (!decision.retry) {
        options.onGiveUp?.({ error, attempt, reason: decision.reason });
        throw error;
      }
      options.onRetry?.({ error, attempt, delayMs: decision.delayMs });
      await options.sleep(decision.delayMs);
    }
  }
}
