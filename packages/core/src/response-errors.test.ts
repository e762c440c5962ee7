import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AuthError,
  type CallSite,
  ConflictError,
  HttpError,
  RateLimitedError,
  SequenceError,
} from "./errors.js";
import { errorFromResponse, type FailedResponse } from "./response-errors.js";

const trigger: CallSite = {
  op: "triggerRule",
  method: "POST",
  url: "https://api.getsequence.io/remote-api/rules/ru_1/trigger",
};
const accounts: CallSite = { op: "listAccounts", method: "POST", url: "https://api.getsequence.io/accounts" };
const now = new Date("2026-01-01T00:00:00Z");

function fail(
  site: CallSite,
  response: Partial<FailedResponse> & { status: number },
  secrets: string[] = [],
) {
  return errorFromResponse(site, { headers: {}, bodyText: "", ...response }, { now, secrets });
}

describe("errorFromResponse", () => {
  it("turns a legacy 429 with Retry-After into a retryable RateLimitedError", () => {
    const error = fail(trigger, {
      status: 429,
      headers: { "retry-after": "30" },
      bodyText: JSON.stringify({
        code: "TOO_MANY_REQUESTS",
        message: "Rule with id ru_1 has been triggered too many times. Please try again later.",
      }),
    });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(SequenceError);
    expect(error).toMatchObject({
      name: "RateLimitedError",
      op: "triggerRule",
      status: 429,
      code: "TOO_MANY_REQUESTS",
      sequenceCode: "TOO_MANY_REQUESTS",
      retryable: true,
      mayHaveReachedSequence: true,
      retryAfterMs: 30_000,
    });
    expect(error.message).toMatchInlineSnapshot(
      `"trigger rule failed: POST https://api.getsequence.io/remote-api/rules/ru_1/trigger → 429 TOO_MANY_REQUESTS: Rule with id ru_1 has been triggered too many times. Please try again later."`,
    );
  });

  it("resolves an HTTP-date Retry-After against the given now", () => {
    const error = fail(trigger, { status: 429, headers: { "retry-after": "Thu, 01 Jan 2026 00:02:00 GMT" } });
    expect(error.retryAfterMs).toBe(120_000);
  });

  it("also keeps a Retry-After sent with a 503", () => {
    const error = fail(trigger, { status: 503, headers: { "retry-after": "5" }, bodyText: "down" });
    expect(error.retryAfterMs).toBe(5_000);
    expect(error.retryable).toBe(true);
  });

  it("makes a rejected rule secret a permanent AuthError", () => {
    const error = fail(trigger, {
      status: 401,
      bodyText: '{"code":"INVALID_API_SECRET","message":"Unauthorized"}',
    });
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "INVALID_API_SECRET", retryable: false, status: 401 });
    expect(error.message).toMatchInlineSnapshot(
      `"trigger rule failed: POST https://api.getsequence.io/remote-api/rules/ru_1/trigger → 401 INVALID_API_SECRET: Unauthorized"`,
    );
  });

  it("makes a rejected access token a permanent AuthError", () => {
    const error = fail(accounts, {
      status: 401,
      bodyText: '{"code":"INVALID_ACCESS_TOKEN","message":"Unauthorized"}',
    });
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe(
      "list accounts failed: POST https://api.getsequence.io/accounts → 401 INVALID_ACCESS_TOKEN: Unauthorized",
    );
  });

  it.each([
    [400, '{"code":"INVALID_REQUEST","message":"Invalid request"}', "INVALID_REQUEST"],
    [403, '{"error":{"code":"RULE_DEACTIVATED","message":"Rule is disabled"}}', "RULE_DEACTIVATED"],
    [404, "Cannot POST /remote-api/rule/ru_1/trigger", "NOT_FOUND"],
    [405, "", "METHOD_NOT_ALLOWED"],
  ])("classifies %i as permanent (%s)", (status, bodyText, code) => {
    const error = fail(trigger, { status, bodyText });
    expect(error.constructor).toBe(HttpError);
    expect(error).toMatchObject({ status, code, retryable: false, mayHaveReachedSequence: true });
  });

  it.each([
    [500, '{"code":"UNEXPECTED_ERROR","message":"Something went wrong"}', "UNEXPECTED_ERROR"],
    [502, "<html><title>502 Bad Gateway</title></html>", "SERVER_ERROR"],
    [503, "Service Unavailable", "SERVER_ERROR"],
    [408, "", "HTTP_ERROR"],
  ])("classifies %i as retryable (%s)", (status, bodyText, code) => {
    const error = fail(trigger, { status, bodyText });
    expect(error).toMatchObject({ status, code, retryable: true });
  });

  it("gives 409 its own class, not retryable because Sequence already has the key", () => {
    const error = fail(trigger, {
      status: 409,
      bodyText: '{"error":{"code":"RULE_EXECUTION_IN_PROGRESS","message":"in progress"}}',
    });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "RULE_EXECUTION_IN_PROGRESS", retryable: false });
    expect(fail(trigger, { status: 409 })).toMatchObject({ code: "CONFLICT" });
  });

  it("keeps an unknown Sequence code beside our status-derived one", () => {
    const error = fail(trigger, { status: 403, bodyText: '{"code":"RULE_PAUSED","message":"Paused"}' });
    expect(error).toMatchObject({ code: "FORBIDDEN", sequenceCode: "RULE_PAUSED", retryable: false });
    expect(error.message).toContain("→ 403 RULE_PAUSED: Paused");
  });

  it("lets the status, not the body's code, decide the class", () => {
    const error = fail(trigger, { status: 500, bodyText: '{"code":"INVALID_REQUEST"}' });
    expect(error.constructor).toBe(HttpError);
    expect(error).toMatchObject({ code: "INVALID_REQUEST", retryable: true });
  });

  it("works without a body", () => {
    const error = fail(trigger, { status: 502, bodyText: undefined });
    expect(error.message).toBe(
      "trigger rule failed: POST https://api.getsequence.io/remote-api/rules/ru_1/trigger → 502 SERVER_ERROR",
    );
    expect(error.sequenceMessage).toBeUndefined();
  });

  it("carries Sequence's request id", () => {
    const error = fail(trigger, {
      status: 500,
      bodyText: '{"code":"UNEXPECTED_ERROR","requestId":"req-42"}',
    });
    expect(error.requestId).toBe("req-42");
  });

  it("scrubs a secret the server echoed from every rendering of the error", () => {
    const secret = "sk_live_9f8e7d6c5b4a";
    const error = fail(
      trigger,
      {
        status: 401,
        bodyText: JSON.stringify({
          code: `BAD_${secret}`,
          message: `Signature Bearer ${secret} is not valid`,
          requestId: secret,
        }),
      },
      [secret],
    );
    const renderings = [
      error.message,
      String(error),
      error.stack ?? "",
      JSON.stringify(error),
      JSON.stringify({ wrapped: error }),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect(new Error("outer", { cause: error }), { depth: Number.POSITIVE_INFINITY }),
    ];
    for (const text of renderings) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("sk_live");
    }
    expect(error.sequenceMessage).toBe("Signature Bearer <secret> is not valid");
  });
});
