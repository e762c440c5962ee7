/**
 * The idempotency-key format Sequence documents (Platform v1 schema; the
 * legacy API gives no rule, so the stricter one is used for both):
 * 1 to 36 characters of `A-Z a-z 0-9 . _ : / | -`.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:/|-]{1,36}$/;

/** True when `key` may be sent as an `idempotency-key` header. */
export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

/** Why `key` is not valid, for error messages; `undefined` when it is. */
export function explainIdempotencyKey(key: string): string | undefined {
  if (isValidIdempotencyKey(key)) return undefined;
  if (key.length === 0) return "the idempotency key is empty";
  if (key.length > 36) return `the idempotency key is ${key.length} characters long (at most 36)`;
  const bad = [...key].find((ch) => !IDEMPOTENCY_KEY_PATTERN.test(ch));
  return `the idempotency key contains ${JSON.stringify(bad)} (allowed: A-Z a-z 0-9 . _ : / | -)`;
}
