import { createHash } from "node:crypto";

/** Every key starts with this, so a key seqd sent is recognisable in Sequence's logs. */
export const IDEMPOTENCY_KEY_PREFIX = "sqd-";

/**
 * The `idempotency-key` sent to Sequence for one occurrence of one trigger:
 * `"sqd-"` + the first 32 hex digits (128 bits) of SHA-256 over the UTF-8 bytes of
 * `triggerId`, one NUL byte, and `occurrence`. 36 characters of `[a-z0-9-]`, within
 * Sequence's 1–36 `[A-Za-z0-9._:/|-]`. Deterministic: every process, restart and version
 * derives the same key for the same occurrence, so a resend after a crash is deduplicated by
 * Sequence. The NUL cannot occur in a trigger id, so no two (id, occurrence) pairs share input.
 *
 * @example idempotencyKey("payday-sweep", "2026-03-13T14:00:00.000Z") // "sqd-…" (36 characters)
 */
export function idempotencyKey(triggerId: string, occurrence: string): string {
  const digest = createHash("sha256").update(`${triggerId}\u0000${occurrence}`, "utf8").digest("hex");
  return IDEMPOTENCY_KEY_PREFIX + digest.slice(0, 32);
}
