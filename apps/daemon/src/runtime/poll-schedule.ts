/** Longest wait between polls after failed cycles (unless `polling.every` itself is longer). */
export const POLL_BACKOFF_CAP_MS = 15 * 60_000;

/** Polling pace while Sequence rejects the access token: someone must fix it; no need to knock often. */
export const UNAUTHORIZED_POLL_MS = 15 * 60_000;

/** Largest random delay added to a poll, so many daemons do not poll in lockstep. */
export const MAX_POLL_JITTER_MS = 5_000;

/** Inputs of {@link nextPollDelay}. */
export interface PollDelayInput {
  /** `polling.every`. */
  everyMs: number;
  /** `polling.staleAfter`: backoff never waits so long that a recovered Sequence leaves balances stale. */
  staleAfterMs: number;
  /** Failed cycles in a row, the last one included (0 after a good poll). */
  failures: number;
  /** The last cycle ended with 401 INVALID_ACCESS_TOKEN. */
  unauthorized: boolean;
  /** Uniform in [0, 1). */
  random: () => number;
}

/**
 * How long to wait before the next poll: `polling.every` after a good poll; doubling after each
 * failed cycle up to min(15 min, staleAfter/2) (never below `every`); 15 min after a 401; plus
 * up to 10 % (at most 5 s) of jitter.
 *
 * @example nextPollDelay({ everyMs: 300_000, staleAfterMs: 1_200_000, failures: 2, unauthorized: false, random: () => 0 })
 * // 600_000 (2 × 5 min would be 1 200 000; capped at staleAfter / 2)
 */
export function nextPollDelay(input: PollDelayInput): number {
  const { everyMs } = input;
  let base: number;
  if (input.unauthorized) {
    base = Math.max(everyMs, UNAUTHORIZED_POLL_MS);
  } else if (input.failures <= 0) {
    base = everyMs;
  } else {
    const cap = Math.max(everyMs, Math.min(POLL_BACKOFF_CAP_MS, Math.floor(input.staleAfterMs / 2)));
    base = Math.min(everyMs * 2 ** input.failures, cap);
  }
  return base + Math.floor(input.random() * Math.min(base * 0.1, MAX_POLL_JITTER_MS));
}
