import { describe, expect, it } from "vitest";
import {
  codeForStatus,
  explainCode,
  isResponseCode,
  isSequenceErrorCode,
  SequenceErrorCode,
} from "./error-codes.js";

describe("SequenceErrorCode", () => {
  it("maps each key to itself, so codes print as their names", () => {
    for (const [key, value] of Object.entries(SequenceErrorCode)) expect(value).toBe(key);
  });

  it("has a distinct explanation for every code", () => {
    const texts = Object.values(SequenceErrorCode).map(explainCode);
    for (const text of texts) expect(text.length).toBeGreaterThan(10);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("recognizes only codes in the table", () => {
    expect(isSequenceErrorCode("INVALID_API_SECRET")).toBe(true);
    expect(isSequenceErrorCode("invalid_api_secret")).toBe(false);
    expect(isSequenceErrorCode("RULE_NOT_FOUND")).toBe(false);
    expect(isSequenceErrorCode(undefined)).toBe(false);
  });

  it("does not let a response body claim a code that describes a local failure", () => {
    expect(isResponseCode("TOO_MANY_REQUESTS")).toBe(true);
    expect(isResponseCode("NOT_FOUND")).toBe(true);
    for (const local of ["NETWORK_ERROR", "TIMEOUT", "MALFORMED_RESPONSE", "ABORTED", "INVALID_INPUT"]) {
      expect(isResponseCode(local)).toBe(false);
    }
  });
});

describe("codeForStatus", () => {
  it.each([
    [400, "BAD_REQUEST"],
    [401, "UNAUTHORIZED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [405, "METHOD_NOT_ALLOWED"],
    [409, "CONFLICT"],
    [429, "TOO_MANY_REQUESTS"],
    [500, "SERVER_ERROR"],
    [503, "SERVER_ERROR"],
    [599, "SERVER_ERROR"],
    [302, "HTTP_ERROR"],
    [418, "HTTP_ERROR"],
    [600, "HTTP_ERROR"],
  ])("%i → %s", (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});
