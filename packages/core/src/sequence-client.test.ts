import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejection } from "../test/rejection.js";
import { type ScriptedServer, startScriptedServer } from "../test/scripted-server.js";
import { createFakeClock } from "./clock.js";
import { AuthError, ConflictError, HttpError, InvalidInputError, RateLimitedError } from "./errors.js";
import { Secret } from "./secret.js";
import { createSequenceClient, type SequenceClient } from "./sequence-client.js";

const SECRET = "rule-secret-5f1c2e";
const KEY = "payday-sweep:2026-03-01T15:00Z";

let server: ScriptedServer;
let client: SequenceClient;
const clock = createFakeClock("2026-03-01T15:00:00Z");

beforeEach(async () => {
  server = await startScriptedServer();
  client = createSequenceClient({ baseUrl: server.url, clock });
});

afterEach(async () => {
  await client.close();
  await server.close();
});

const trigger = (overrides: { idempotencyKey?: string; url?: string; secret?: Secret } = {}) =>
  client.triggerRule({
    url: `${server.url}/remote-api/rules/ru_1/trigger`,
    secret: new Secret(SECRET),
    idempotencyKey: KEY,
    ...overrides,
  });

describe("createSequenceClient", () => {
  it("refuses a base URL that is not http(s) or carries credentials", () => {
    expect(() => createSequenceClient({ baseUrl: "api.getsequence.io" })).toThrow(TypeError);
    expect(() => createSequenceClient({ baseUrl: "file:///etc" })).toThrow("absolute http(s) URL");
    expect(() => createSequenceClient({ baseUrl: "https://me:pw@api.getsequence.io" })).toThrow(
      "must not contain user credentials",
    );
  });
});

describe("triggerRule", () => {
  it("POSTs {} with the signature and idempotency headers and reads the legacy success body", async () => {
    server.reply({
      status: 200,
      body: {
        code: "OK",
        message: "Rule with id ru_1 has been triggered",
        data: { requestId: "b28f1d9e-8c2a-4d3e-9af1-0123456789ab" },
      },
    });
    await expect(trigger()).resolves.toEqual({
      status: 200,
      requestId: "b28f1d9e-8c2a-4d3e-9af1-0123456789ab",
      message: "Rule with id ru_1 has been triggered",
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/remote-api/rules/ru_1/trigger", body: "{}" });
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": "seqd",
      "x-sequence-signature": `Bearer ${SECRET}`,
      "idempotency-key": KEY,
    });
    expect(request?.headers).not.toHaveProperty("x-sequence-access-token");
    expect(request?.headers).not.toHaveProperty("authorization");
  });

  it("posts to exactly the configured URL, query included", async () => {
    server.reply({ status: 200, body: { code: "OK" } });
    await trigger({ url: `${server.url}/rules/ru_9/trigger?src=seqd` });
    expect(server.requests[0]?.path).toBe("/rules/ru_9/trigger?src=seqd");
  });

  it("counts any 2xx as accepted, even with a body that is not JSON", async () => {
    server.reply({ status: 202, body: "Accepted" }, { status: 204 });
    await expect(trigger()).resolves.toEqual({ status: 202 });
    await expect(trigger()).resolves.toEqual({ status: 204 });
  });

  it("counts a 2xx as accepted even when its body never finishes", async () => {
    const impatient = createSequenceClient({ baseUrl: server.url, timeouts: { bodyMs: 100 } });
    server.reply({ action: "stall-body", status: 200, firstChunk: '{"code":"OK",' });
    try {
      await expect(
        impatient.triggerRule({
          url: `${server.url}/remote-api/rules/ru_1/trigger`,
          secret: new Secret(SECRET),
          idempotencyKey: KEY,
        }),
      ).resolves.toEqual({ status: 200 });
    } finally {
      await impatient.close();
    }
  });

  it("401 INVALID_API_SECRET → permanent AuthError that does not show the secret", async () => {
    server.reply({ status: 401, body: { code: "INVALID_API_SECRET", message: "Unauthorized" } });
    const error = await rejection(trigger());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_API_SECRET", retryable: false });
    expect(String(error)).toBe(
      `AuthError: trigger rule failed: POST ${server.url}/remote-api/rules/ru_1/trigger → 401 INVALID_API_SECRET: Unauthorized`,
    );
  });

  it("400 INVALID_REQUEST → permanent HttpError", async () => {
    server.reply({ status: 400, body: { code: "INVALID_REQUEST", message: "Invalid request" } });
    const error = await rejection(trigger());
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: "INVALID_REQUEST", retryable: false });
  });

  it("429 with Retry-After in seconds → RateLimitedError with the wait", async () => {
    server.reply({
      status: 429,
      headers: { "retry-after": "45" },
      body: {
        code: "TOO_MANY_REQUESTS",
        message: "Rule with id ru_1 has been triggered too many times. Please try again later.",
      },
    });
    const error = await rejection(trigger());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({
      status: 429,
      code: "TOO_MANY_REQUESTS",
      retryable: true,
      retryAfterMs: 45_000,
    });
  });

  it("429 with an HTTP-date Retry-After is measured on the client's clock", async () => {
    server.reply({
      status: 429,
      headers: { "retry-after": "Sun, 01 Mar 2026 15:01:30 GMT" },
      body: "slow down",
    });
    const error = await rejection(trigger());
    expect(error).toMatchObject({ retryAfterMs: 90_000, sequenceMessage: "slow down" });
  });

  it("429 without Retry-After leaves the wait to the retry policy", async () => {
    server.reply({ status: 429, body: { code: "TOO_MANY_REQUESTS", message: "later" } });
    const error = await rejection(trigger());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeUndefined();
  });

  it("5xx with a JSON or a plain-text body → retryable HttpError", async () => {
    server.reply(
      {
        status: 500,
        body: { code: "UNEXPECTED_ERROR", message: "Something went wrong", requestId: "req-500" },
      },
      { status: 503, body: "upstream connect error or disconnect/reset before headers" },
    );
    expect(await rejection(trigger())).toMatchObject({
      status: 500,
      code: "UNEXPECTED_ERROR",
      requestId: "req-500",
      retryable: true,
    });
    const plain = await rejection(trigger());
    expect(plain).toMatchObject({ status: 503, code: "SERVER_ERROR", retryable: true });
    expect((plain as Error).message).toMatch(/→ 503 SERVER_ERROR: upstream connect error or disconnect/);
  });

  it("405 and 404 → permanent HttpErrors", async () => {
    server.reply(
      { status: 405, body: "" },
      { status: 404, body: { code: "NOT_FOUND", message: "Route not found" } },
    );
    expect(await rejection(trigger())).toMatchObject({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      retryable: false,
    });
    expect(await rejection(trigger())).toMatchObject({ status: 404, code: "NOT_FOUND", retryable: false });
  });

  it("409 → ConflictError", async () => {
    server.reply({ status: 409, body: { error: { code: "RULE_EXECUTION_IN_PROGRESS", message: "busy" } } });
    const error = await rejection(trigger());
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "RULE_EXECUTION_IN_PROGRESS", retryable: false });
  });

  it("does not follow redirects, so a secret is never replayed elsewhere", async () => {
    server.reply({ status: 307, headers: { location: `${server.url}/elsewhere` }, body: "" });
    expect(await rejection(trigger())).toMatchObject({ status: 307, code: "HTTP_ERROR", retryable: false });
    expect(server.requests.map((r) => r.path)).toEqual(["/remote-api/rules/ru_1/trigger"]);
  });

  it("refuses bad input before sending anything", async () => {
    const cases = [
      trigger({ idempotencyKey: "x".repeat(37) }),
      trigger({ idempotencyKey: "has space" }),
      trigger({ idempotencyKey: "" }),
      trigger({ url: "not a url" }),
      trigger({ url: "ftp://example.test/trigger" }),
      trigger({ url: `http://user:pw@127.0.0.1:1/trigger` }),
      trigger({ secret: new Secret("") }),
      trigger({ secret: new Secret("two words") }),
    ];
    const errors = await Promise.all(cases.map(rejection));
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ mayHaveReachedSequence: false, retryable: false });
      expect(String(error)).not.toContain("pw");
    }
    expect((errors[0] as Error).message).toBe(
      `trigger rule failed: POST ${server.url}/remote-api/rules/ru_1/trigger → not sent: the idempotency key is 37 characters long (at most 36)`,
    );
    expect((errors[3] as Error).message).toBe(
      "trigger rule failed: POST <invalid URL> → not sent: the rule URL is not a valid URL",
    );
    expect((errors[7] as Error).message).toMatch(
      /not sent: the rule secret contains spaces or characters not allowed in an HTTP header$/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
