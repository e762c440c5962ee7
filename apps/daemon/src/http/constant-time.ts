import { hash, timingSafeEqual } from "node:crypto";
import type { Secret } from "@seqd/core";

/**
 * A token's sha256 digest. Comparing digests instead of the tokens keeps the comparison the
 * same length (and so the same time) whatever the caller sent, including its length.
 */
export function tokenDigest(value: string): Buffer {
  // One-shot hash: no Hash object per request.
  return hash("sha256", value, "buffer");
}

/** The digest of a configured secret, computed once per config load, not per request. */
export function secretDigest(secret: Secret): Buffer {
  return tokenDigest(secret.reveal());
}

/** Whether `given` is the token whose digest is `expected`, in constant time. */
export function tokenMatches(given: string, expected: Buffer): boolean {
  return timingSafeEqual(tokenDigest(given), expected);
}

/** The token of an `Authorization`-style `Bearer <token>` header value; undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return /^\s*bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}
