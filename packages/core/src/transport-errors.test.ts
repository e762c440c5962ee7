import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AbortedError, InvalidInputError, NetworkError, TimeoutError } from "./errors.js";
import { errorCode, errorFromTransport, type TransportContext } from "./transport-errors.js";

const ctx: TransportContext = {
  op: "triggerRule",
  method: "POST",
  url: "https://api.getsequence.io/remote-api/rules/ru_1/trigger",
  timeouts: { connectMs: 1_000, headersMs: 2_000, bodyMs: 3_000 },
  secrets: [],
};

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe("errorFromTransport", () => {
  it.each([
    ["ECONNREFUSED", false],
    ["ENOTFOUND", false],
    ["EAI_AGAIN", false],
    ["ECONNRESET", true],
    ["UND_ERR_SOCKET", true],
    ["EPIPE", true],
    ["CERT_HAS_EXPIRED", true],
  ])("%s → retryable NetworkError, mayHaveReachedSequence %s", (code, reached) => {
    const error = errorFromTransport(coded(code), ctx);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ retryable: true, mayHaveReachedSequence: reached, code: "NETWORK_ERROR" });
  });

  it("maps undici's three timeouts to their phases with the configured limit", () => {
    const connect = errorFromTransport(coded("UND_ERR_CONNECT_TIMEOUT"), ctx);
    const headers = errorFromTransport(coded("UND_ERR_HEADERS_TIMEOUT"), ctx);
    const body = errorFromTransport(coded("UND_ERR_BODY_TIMEOUT"), { ...ctx, status: 200 });
    expect([connect, headers, body].every((e) => e instanceof TimeoutError)).toBe(true);
    expect(connect).toMatchObject({ phase: "connect", timeoutMs: 1_000, mayHaveReachedSequence: false });
    expect(headers).toMatchObject({ phase: "headers", timeoutMs: 2_000, mayHaveReachedSequence: true });
    expect(body).toMatchObject({ phase: "body", timeoutMs: 3_000, status: 200 });
  });

  it("reports an abort of the caller's signal as such, whatever undici threw", () => {
    const controller = new AbortController();
    controller.abort();
    const error = errorFromTransport(coded("UND_ERR_SOCKET"), { ...ctx, signal: controller.signal });
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ mayHaveReachedSequence: true, retryable: false });
  });

  it("treats undici refusing its arguments as input that was never sent", () => {
    const error = errorFromTransport(
      coded("UND_ERR_INVALID_ARG", "invalid x-sequence-signature header"),
      ctx,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/not sent: invalid x-sequence-signature header \(UND_ERR_INVALID_ARG\)$/);
  });

  it("names the failure with the cause's message and code", () => {
    const error = errorFromTransport(coded("ECONNRESET", "read ECONNRESET"), ctx);
    expect(error.message).toBe(
      "trigger rule failed: POST https://api.getsequence.io/remote-api/rules/ru_1/trigger → network error: read ECONNRESET",
    );
    const socket = errorFromTransport(coded("UND_ERR_SOCKET", "other side closed"), ctx);
    expect(socket.message).toMatch(/→ network error: other side closed \(UND_ERR_SOCKET\)$/);
  });

  it("keeps a harmless cause and replaces one that mentions a secret", () => {
    const harmless = coded("ECONNRESET");
    expect(errorFromTransport(harmless, { ...ctx, secrets: ["hunter2-secret"] }).cause).toBe(harmless);
    const leaky = Object.assign(coded("ECONNRESET", "reset while sending Bearer hunter2-secret"), {
      request: { headers: { "x-sequence-signature": "Bearer hunter2-secret" } },
    });
    const error = errorFromTransport(leaky, { ...ctx, secrets: ["hunter2-secret"] });
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain("hunter2");
    expect(JSON.stringify(error)).not.toContain("hunter2");
    expect(error.message).toContain("Bearer <secret>");
  });
});

describe("errorCode", () => {
  it("looks through one cause and through an AggregateError of one kind", () => {
    expect(errorCode(new Error("wrapped", { cause: coded("ECONNRESET") }))).toBe("ECONNRESET");
    expect(errorCode(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]))).toBe(
      "ECONNREFUSED",
    );
    expect(errorCode(new AggregateError([coded("ECONNREFUSED"), coded("ETIMEDOUT")]))).toBeUndefined();
    expect(errorCode("not an error")).toBeUndefined();
  });
});
