import { describe, expect, it } from "vitest";
import { explainIdempotencyKey, isValidIdempotencyKey } from "./idempotency-key.js";

describe("idempotency keys", () => {
  it("accepts 1–36 characters of the documented alphabet", () => {
    for (const key of ["a", "payday-sweep:2026-03-01T15:00Z", "A.b_c:d/e|f-9", "x".repeat(36)]) {
      expect(isValidIdempotencyKey(key)).toBe(true);
      expect(explainIdempotencyKey(key)).toBeUndefined();
    }
  });

  it("explains what is wrong with a bad key", () => {
    expect(explainIdempotencyKey("")).toBe("the idempotency key is empty");
    expect(explainIdempotencyKey("x".repeat(37))).toBe(
      "the idempotency key is 37 characters long (at most 36)",
    );
    expect(explainIdempotencyKey("pay day")).toBe(
      'the idempotency key contains " " (allowed: A-Z a-z 0-9 . _ : / | -)',
    );
    expect(explainIdempotencyKey("key\n")).toBe(
      'the idempotency key contains "\\n" (allowed: A-Z a-z 0-9 . _ : / | -)',
    );
    expect(isValidIdempotencyKey("clé")).toBe(false);
  });
});
