/**
 * How long Sequence remembers an `idempotency-key` (Platform v1 documents 24 h; the legacy
 * API documents no window, so seqd assumes the same). Inside it, resending a key is harmless:
 * Sequence answers the original result instead of running the rule again.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Margin kept inside the retention window: a resend (with its own retries, bounded by
 * `defaultTriggerRetryPolicy.deadlineMs` = 30 min) must finish while Sequence still knows
 * the key, and the two clocks involved (ours and Sequence's) may disagree a little.
 */
export const RESEND_SAFETY_MARGIN_MS = 60 * 60 * 1000;

/**
 * A firing first sent longer ago than this is never resent: Sequence may have forgotten its
 * key, so a resend could move money twice. It becomes `ambiguous` and a human decides.
 * Likewise a firing claimed longer ago than this and never sent is `missed`, not fired late.
 */
export const RESEND_WINDOW_MS = IDEMPOTENCY_RETENTION_MS - RESEND_SAFETY_MARGIN_MS;
