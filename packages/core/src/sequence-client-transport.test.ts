import { createServer } from "node:net";
import { inspect } from "node:util";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejection } from "../test/rejection.js";
import { type ScriptedServer, startScriptedServer } from "../test/scripted-server.js";
import { createFakeClock } from "./clock.js";
import { AbortedError, InvalidInputError, NetworkError, TimeoutError } from "./errors.js";
import { withRetry } from "./retry.js";
import { Secret } from "./secret.js";
import { createSequenceClient, type SequenceClient } from "./sequence-client.js";

const SECRET = "rule-secret-a81f3c77";
const TOKEN = "access-token-3e9d0b51";
const KEY = "threshold-low:2026-03-01T15:00Z";

let server: ScriptedServer;
let client: SequenceClient;

beforeEach(async () => {
  server = await startScriptedServer();
  client = createSequenceClient({ baseUrl: server.url, timeouts: { headersMs: 150 } });
});

afterEach(async () => {
  await client.close();
  await server.close();
});

function triggerOn(target: SequenceClient, baseUrl: string, signal?: AbortSignal) {
  return target.triggerRule({
    url: `${baseUrl}/remote-api/rules/ru_1/trigger`,
    secret: new Secret(SECRET),
    idempotencyKey: KEY,
    signal,
  });
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Every way an error can turn into text, cause chain included. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    e.message,
    String(e),
    e.stack ?? "",
    JSON.stringify(e),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(e.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(new Error("wrapped", { cause: e }), { depth: Number.POSITIVE_INFINITY }),
  ];
}

describe("transport failures", () => {
  it("a connection reset after the request was sent is a retryable NetworkError that may have reached Sequence", async () => {
    server.reply({ action: "destroy" });
    const error = await rejection(triggerOn(client, server.url));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ retryable: true, mayHaveReachedSequence: true, code: "NETWORK_ERROR" });
    expect(server.requests).toHaveLength(1);
  });

  it("a refused connection is a NetworkError that certainly never reached Sequence", async () => {
    const port = await closedPort();
    const error = await rejection(triggerOn(client, `http://127.0.0.1:${port}`));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ retryable: true, mayHaveReachedSequence: false });
    expect(error.message).toBe(
      `trigger rule failed: POST http://127.0.0.1:${port}/remote-api/rules/ru_1/trigger → network error: connect ECONNREFUSED 127.0.0.1:${port} (request not sent)`,
    );
  });

  it("a server that never answers trips the headers timeout", async () => {
    server.reply({ action: "stall" });
    const error = await rejection(triggerOn(client, server.url));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      phase: "headers",
      timeoutMs: 150,
      retryable: true,
      mayHaveReachedSequence: true,
    });
    expect(error.message).toMatch(/→ timed out after 150 ms waiting for the response$/);
  });

  it("never shows a credential, whatever went wrong", async () => {
    const port = await closedPort();
    server.reply(
      { status: 401, body: { code: "INVALID_API_SECRET", message: `bad signature Bearer ${SECRET}` } },
      { action: "destroy" },
      { action: "stall" },
      { status: 401, body: `token ${TOKEN} revoked` },
    );
    const errors = [
      await rejection(triggerOn(client, server.url)),
      await rejection(triggerOn(client, server.url)),
      await rejection(triggerOn(client, server.url)),
      await rejection(client.listAccounts({ token: new Secret(TOKEN) })),
      await rejection(triggerOn(client, `http://127.0.0.1:${port}`)),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      "AuthError",
      "NetworkError",
      "TimeoutError",
      "AuthError",
      "NetworkError",
    ]);
    for (const text of errors.flatMap(renderings)) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("a81f3c77");
      expect(text).not.toContain("3e9d0b51");
    }
    expect(errors[0]?.sequenceMessage).toBe("bad signature Bearer <secret>");
    expect(errors[3]?.sequenceMessage).toBe("token <secret> revoked");
  });
});

describe("cancellation and lifecycle", () => {
  it("an abort while waiting for Sequence is an AbortedError that may have reached it", async () => {
    server.reply({ action: "stall" });
    const controller = new AbortController();
    const pending = rejection(triggerOn(client, server.url, controller.signal));
    await server.waitForRequests(1);
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ retryable: false, mayHaveReachedSequence: true });
  });

  it("an already-aborted signal sends nothing", async () => {
    const error = await rejection(triggerOn(client, server.url, AbortSignal.abort()));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ mayHaveReachedSequence: false });
    expect(error.message).toMatch(/→ aborted before sending$/);
    expect(server.requests).toHaveLength(0);
  });

  it("reuses one kept-alive connection for consecutive calls", async () => {
    server.reply({ status: 200, body: { code: "OK" } }, { status: 200, body: { data: { accounts: [] } } });
    await triggerOn(client, server.url);
    // undici returns a socket to its pool on the turn after the body ends; a call issued in the
    // same turn would open a second connection, so yield one turn (no time passes).
    await new Promise((resolve) => setImmediate(resolve));
    await client.listAccounts({ token: new Secret(TOKEN) });
    const [first, second] = server.requests;
    expect(first?.remotePort).toBeGreaterThan(0);
    expect(second?.remotePort).toBe(first?.remotePort);
  });

  it("refuses calls after close() and tolerates a second close()", async () => {
    await client.close();
    await client.close();
    const error = await rejection(triggerOn(client, server.url));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/not sent: the client is closed$/);
  });

  it("uses a dispatcher passed in and leaves it open on close()", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get("https://api.sequence.test")
      .intercept({ path: "/accounts", method: "POST", body: "{}" })
      .reply(200, { data: { accounts: [{ id: "1", name: "Pod", type: "Pod", balance: 1 }] } });
    mock
      .get("https://api.sequence.test")
      .intercept({ path: "/accounts", method: "POST" })
      .reply(200, { data: { accounts: [] } });
    const mocked = createSequenceClient({ baseUrl: "https://api.sequence.test", dispatcher: mock });
    await expect(mocked.listAccounts({ token: new Secret(TOKEN) })).resolves.toMatchObject({
      accounts: [{ id: "1", balance: { ok: true, cents: 100 } }],
    });
    await mocked.close();
    const other = createSequenceClient({ baseUrl: "https://api.sequence.test", dispatcher: mock });
    await expect(other.listAccounts({ token: new Secret(TOKEN) })).resolves.toMatchObject({ accounts: [] });
    mock.assertNoPendingInterceptors();
    await mock.close();
  });
});

describe("withRetry over the wire", () => {
  it("waits out a 429's Retry-After on the fake clock, then succeeds with the same idempotency key", async () => {
    const clock = createFakeClock("2026-03-01T15:00:00Z");
    const retrying = createSequenceClient({ baseUrl: server.url, clock });
    server.reply(
      {
        status: 429,
        headers: { "retry-after": "7" },
        body: { code: "TOO_MANY_REQUESTS", message: "Rule with id ru_1 has been triggered too many times." },
      },
      {
        status: 200,
        body: { code: "OK", message: "Rule with id ru_1 has been triggered", data: { requestId: "r-2" } },
      },
    );
    const slept: number[] = [];
    try {
      const result = await withRetry(() => triggerOn(retrying, server.url), {
        policy: {
          baseMs: 1_000,
          capMs: 60_000,
          maxAttempts: 5,
          deadlineMs: 600_000,
          rateLimitFloorMs: 30_000,
          maxRetryAfterMs: 60_000,
        },
        clock,
        random: () => 0.9,
        sleep: async (ms) => {
          slept.push(ms);
          clock.advance(ms);
        },
      });
      expect(result).toEqual({
        status: 200,
        requestId: "r-2",
        message: "Rule with id ru_1 has been triggered",
      });
    } finally {
      await retrying.close();
    }
    expect(slept).toEqual([7_000]);
    expect(clock.monotonicMs()).toBe(7_000);
    expect(clock.now().toISOString()).toBe("2026-03-01T15:00:07.000Z");
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual([KEY, KEY]);
    expect(server.requests.map((r) => r.body)).toEqual(["{}", "{}"]);
  });
});
