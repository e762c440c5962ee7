import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../test/scripted-server.js";
import { createFakeClock } from "./clock.js";
import {
  AuthError,
  ConflictError,
  HttpError,
  InvalidInputError,
  MalformedResponseError,
  RateLimitedError,
  TimeoutError,
} from "./errors.js";
import { Secret } from "./secret.js";
import { createSequenceClient, type SequenceClient } from "./sequence-client.js";

const SECRET = "rule-secret-5f1c2e";
const TOKEN = "access-token-9b7a3d";
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

const listAccounts = () => client.listAccounts({ token: new Secret(TOKEN) });

/** The rejection of `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

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
    const error = await failure(trigger());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_API_SECRET", retryable: false });
    expect(String(error)).toBe(
      `AuthError: trigger rule failed: POST ${server.url}/remote-api/rules/ru_1/trigger → 401 INVALID_API_SECRET: Unauthorized`,
    );
  });

  it("400 INVALID_REQUEST → permanent HttpError", async () => {
    server.reply({ status: 400, body: { code: "INVALID_REQUEST", message: "Invalid request" } });
    const error = await failure(trigger());
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
    const error = await failure(trigger());
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
    const error = await failure(trigger());
    expect(error).toMatchObject({ retryAfterMs: 90_000, sequenceMessage: "slow down" });
  });

  it("429 without Retry-After leaves the wait to the retry policy", async () => {
    server.reply({ status: 429, body: { code: "TOO_MANY_REQUESTS", message: "later" } });
    const error = await failure(trigger());
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
    expect(await failure(trigger())).toMatchObject({
      status: 500,
      code: "UNEXPECTED_ERROR",
      requestId: "req-500",
      retryable: true,
    });
    const plain = await failure(trigger());
    expect(plain).toMatchObject({ status: 503, code: "SERVER_ERROR", retryable: true });
    expect((plain as Error).message).toMatch(/→ 503 SERVER_ERROR: upstream connect error or disconnect/);
  });

  it("405 and 404 → permanent HttpErrors", async () => {
    server.reply(
      { status: 405, body: "" },
      { status: 404, body: { code: "NOT_FOUND", message: "Route not found" } },
    );
    expect(await failure(trigger())).toMatchObject({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      retryable: false,
    });
    expect(await failure(trigger())).toMatchObject({ status: 404, code: "NOT_FOUND", retryable: false });
  });

  it("409 → ConflictError", async () => {
    server.reply({ status: 409, body: { error: { code: "RULE_EXECUTION_IN_PROGRESS", message: "busy" } } });
    const error = await failure(trigger());
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "RULE_EXECUTION_IN_PROGRESS" });
  });

  it("does not follow redirects, so a secret is never replayed elsewhere", async () => {
    server.reply({ status: 307, headers: { location: `${server.url}/elsewhere` }, body: "" });
    expect(await failure(trigger())).toMatchObject({ status: 307, code: "HTTP_ERROR", retryable: false });
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
    const errors = await Promise.all(cases.map(failure));
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

describe("listAccounts", () => {
  it("POSTs {} to <baseUrl>/accounts with the access token and reads the current shape", async () => {
    server.reply({
      status: 200,
      body: {
        message: "OK",
        requestId: "f1a2b3c4",
        data: {
          accounts: [
            {
              id: "5579244",
              name: "Main Operating Pod",
              balance: { amountInDollars: 25342.77, error: null },
              type: "Pod",
            },
          ],
          errors: [],
        },
      },
    });
    await expect(listAccounts()).resolves.toEqual({
      requestId: "f1a2b3c4",
      shape: "accounts",
      accounts: [
        { id: "5579244", name: "Main Operating Pod", type: "Pod", balance: { ok: true, cents: 2_534_277 } },
      ],
    });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/accounts", body: "{}" });
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "x-sequence-access-token": `Bearer ${TOKEN}`,
    });
    expect(request?.headers).not.toHaveProperty("x-sequence-signature");
    expect(request?.headers).not.toHaveProperty("idempotency-key");
  });

  it("keeps a path prefix of the base URL", async () => {
    const prefixed = createSequenceClient({ baseUrl: `${server.url}/legacy?ignored=1` });
    server.reply({ status: 200, body: { data: { accounts: [] } } });
    try {
      await prefixed.listAccounts({ token: new Secret(TOKEN) });
    } finally {
      await prefixed.close();
    }
    expect(server.requests[0]?.path).toBe("/legacy/accounts");
  });

  it("reads the older data.balances shape", async () => {
    server.reply({
      status: 200,
      body: { data: { balances: [{ id: 42, name: "Savings", type: "Pod", balance: 10.1 }] } },
    });
    await expect(listAccounts()).resolves.toEqual({
      shape: "balances",
      accounts: [{ id: "42", name: "Savings", type: "Pod", balance: { ok: true, cents: 1010 } }],
    });
  });

  it("marks an account whose balance has an error as unavailable, not zero", async () => {
    server.reply({
      status: 200,
      body: {
        data: {
          accounts: [
            {
              id: "card",
              name: "Card",
              type: "Account",
              balance: { amountInDollars: null, error: "Connection failed" },
            },
          ],
        },
      },
    });
    const { accounts } = await listAccounts();
    expect(accounts[0]?.balance).toEqual({ ok: false, error: "Connection failed" });
  });

  it("a 200 that is not JSON, or has no account list, is a retryable MalformedResponseError", async () => {
    server.reply(
      { status: 200, body: '{"data": {"accounts": [' },
      { status: 200, body: { message: "OK", data: {} } },
    );
    const truncated = await failure(listAccounts());
    expect(truncated).toBeInstanceOf(MalformedResponseError);
    expect(truncated).toMatchObject({ status: 200, retryable: true, code: "MALFORMED_RESPONSE" });
    expect((truncated as Error).message).toBe(
      `list accounts failed: POST ${server.url}/accounts → 200 malformed response: the body is not a JSON object`,
    );
    expect(((await failure(listAccounts())) as Error).message).toMatch(
      /malformed response: the body has neither data.accounts nor data.balances$/,
    );
  });

  it("refuses a body larger than 1 MiB", async () => {
    server.reply({ status: 200, body: { data: { accounts: [] }, padding: "x".repeat(1024 * 1024) } });
    const error = await failure(listAccounts());
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/the body is larger than 1048576 bytes$/);
  });

  it("401 INVALID_ACCESS_TOKEN → AuthError", async () => {
    server.reply({ status: 401, body: { code: "INVALID_ACCESS_TOKEN", message: "Unauthorized" } });
    const error = await failure(listAccounts());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "INVALID_ACCESS_TOKEN", retryable: false, op: "listAccounts" });
  });

  it("a 2xx whose body stalls is a body TimeoutError", async () => {
    const impatient = createSequenceClient({ baseUrl: server.url, timeouts: { bodyMs: 100 } });
    server.reply({ action: "stall-body", status: 200, firstChunk: '{"data":' });
    try {
      const error = await failure(impatient.listAccounts({ token: new Secret(TOKEN) }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        phase: "body",
        status: 200,
        timeoutMs: 100,
        mayHaveReachedSequence: true,
      });
    } finally {
      await impatient.close();
    }
  });
});
