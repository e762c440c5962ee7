import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after.js";

const now = new Date("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
  });

  it("rounds fractional seconds up so the wait is never shortened", () => {
    expect(parseRetryAfter("1.0005", now)).toBe(1_001);
  });

  it("reads an IMF-fixdate against the given now", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:45 GMT", now)).toBe(45_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:45 GMT", new Date("2026-01-01T00:00:40Z"))).toBe(5_000);
  });

  it("reads the obsolete RFC 850 and asctime forms as GMT", () => {
    expect(parseRetryAfter("Thursday, 01-Jan-26 00:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Thu Jan  1 00:01:00 2026", now)).toBe(60_000);
  });

  it("answers 0 for a date already past", () => {
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });

  it("takes the first of repeated headers", () => {
    expect(parseRetryAfter(["7", "99"], now)).toBe(7_000);
  });

  it("ignores what it cannot read", () => {
    for (const value of [
      undefined,
      "",
      "soon",
      "-5",
      "1e3",
      "2026-01-01T00:01:00Z",
      "Thu, 01 Jan 2026 00:01:00",
    ]) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
    expect(parseRetryAfter([], now)).toBeUndefined();
  });
});
