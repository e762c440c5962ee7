import { describe, expect, it } from "vitest";
import {
  AbortedError,
  type CallSite,
  HttpError,
  InvalidInputError,
  isRetryableStatus,
  MalformedResponseError,
  NetworkError,
  SequenceError,
  TimeoutError,
} from "./errors.js";

const site: CallSite = { op: "listAccounts", method: "POST", url: "https://api.getsequence.io/accounts" };

describe("SequenceError subclasses", () => {
  it("a network error says whether the request left", () => {
    const refused = new NetworkError({
      ...site,
      detail: "connect ECONNREFUSED 10.0.0.1:443",
      mayHaveReachedSequence: false,
      cause: new Error("connect ECONNREFUSED 10.0.0.1:443"),
    });
    expect(refused.message).toBe(
      "list accounts failed: POST https://api.getsequence.io/accounts → network error: connect ECONNREFUSED 10.0.0.1:443 (request not sent)",
    );
    expect(refused).toMatchObject({ code: "NETWORK_ERROR", retryable: true, mayHaveReachedSequence: false });
    expect(refused.cause).toBeInstanceOf(Error);
    const reset = new NetworkError({
      ...site,
      detail: "other side closed",
      mayHaveReachedSequence: true,
      cause: null,
    });
    expect(reset.message).toMatch(/→ network error: other side closed$/);
  });

  it("only a connect timeout proves nothing was sent", () => {
    const phases = ["connect", "headers", "body"] as const;
    const reached = phases.map(
      (phase) =>
        new TimeoutError({ ...site, phase, timeoutMs: 100, cause: undefined }).mayHaveReachedSequence,
    );
    expect(reached).toEqual([false, true, true]);
    const timeout = new TimeoutError({ ...site, phase: "headers", timeoutMs: 30_000, cause: undefined });
    expect(timeout.message).toBe(
      "list accounts failed: POST https://api.getsequence.io/accounts → timed out after 30000 ms waiting for the response",
    );
    expect(timeout).toMatchObject({ code: "TIMEOUT", retryable: true, phase: "headers" });
  });

  it("a malformed 2xx is retryable and keeps its status", () => {
    const error = new MalformedResponseError({ ...site, status: 200, reason: "the body is not JSON" });
    expect(error.message).toBe(
      "list accounts failed: POST https://api.getsequence.io/accounts → 200 malformed response: the body is not JSON",
    );
    expect(error).toMatchObject({ code: "MALFORMED_RESPONSE", status: 200, retryable: true });
  });

  it("an abort is final and knows whether it happened before sending", () => {
    const before = new AbortedError({ ...site, sent: false, cause: undefined });
    const during = new AbortedError({ ...site, sent: true, cause: undefined });
    expect(before.message).toMatch(/→ aborted before sending$/);
    expect(before).toMatchObject({ retryable: false, mayHaveReachedSequence: false, code: "ABORTED" });
    expect(during).toMatchObject({ retryable: false, mayHaveReachedSequence: true });
  });

  it("invalid input was never sent and is not retryable", () => {
    const error = new InvalidInputError({ ...site, reason: "the access token is empty" });
    expect(error.message).toBe(
      "list accounts failed: POST https://api.getsequence.io/accounts → not sent: the access token is empty",
    );
    expect(error).toMatchObject({ code: "INVALID_INPUT", retryable: false, mayHaveReachedSequence: false });
  });

  it("serializes to a flat object without undefined noise", () => {
    const error = new HttpError({ ...site, status: 500, code: "UNEXPECTED_ERROR", requestId: "req-1" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "HttpError",
      message: "list accounts failed: POST https://api.getsequence.io/accounts → 500 UNEXPECTED_ERROR",
      op: "listAccounts",
      code: "UNEXPECTED_ERROR",
      status: 500,
      retryable: true,
      mayHaveReachedSequence: true,
      requestId: "req-1",
    });
    expect(Object.hasOwn(error, "retryAfterMs")).toBe(false);
    expect(error).toBeInstanceOf(SequenceError);
    expect(error).toBeInstanceOf(Error);
  });
});

describe("isRetryableStatus", () => {
  it("retries throttling, request timeouts and server errors only", () => {
    const retryable = [200, 302, 400, 401, 403, 404, 405, 408, 409, 422, 429, 500, 502, 503, 504, 599].filter(
      isRetryableStatus,
    );
    expect(retryable).toEqual([408, 429, 500, 502, 503, 504, 599]);
  });
});
