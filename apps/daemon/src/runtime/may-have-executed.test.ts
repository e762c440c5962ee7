import {
  AuthError,
  HttpError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  SequenceErrorCode,
  TimeoutError,
} from "@seqd/core";
import { describe, expect, it } from "vitest";
import { mayHaveExecuted } from "./may-have-executed.js";

const site = {
  op: "triggerRule",
  method: "POST",
  url: "https://api.getsequence.io/remote-api/rules/ru_1/trigger",
} as const;
const http = (status: number) => ({ ...site, status, code: SequenceErrorCode.HTTP_ERROR });

describe("mayHaveExecuted", () => {
  it("a 4xx is a definite refusal", () => {
    expect(mayHaveExecuted(new HttpError(http(400)))).toBe(false);
    expect(mayHaveExecuted(new AuthError(http(401)))).toBe(false);
    expect(mayHaveExecuted(new RateLimitedError(http(429)))).toBe(false);
  });

  it("a 5xx, or a timeout or lost connection after sending, may hide an execution", () => {
    expect(mayHaveExecuted(new HttpError(http(502)))).toBe(true);
    expect(mayHaveExecuted(new TimeoutError({ ...site, phase: "headers", cause: null }))).toBe(true);
    expect(
      mayHaveExecuted(
        new NetworkError({ ...site, detail: "ECONNRESET", mayHaveReachedSequence: true, cause: null }),
      ),
    ).toBe(true);
  });

  it("a request that never left cannot have run", () => {
    expect(mayHaveExecuted(new TimeoutError({ ...site, phase: "connect", cause: null }))).toBe(false);
    expect(
      mayHaveExecuted(
        new NetworkError({ ...site, detail: "ECONNREFUSED", mayHaveReachedSequence: false, cause: null }),
      ),
    ).toBe(false);
    expect(mayHaveExecuted(new InvalidInputError({ ...site, reason: "bad key" }))).toBe(false);
  });
});
