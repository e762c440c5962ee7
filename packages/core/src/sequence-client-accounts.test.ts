import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejection } from "../test/rejection.js";
import { type ScriptedServer, startScriptedServer } from "../test/scripted-server.js";
import { AuthError, MalformedResponseError, TimeoutError } from "./errors.js";
import { Secret } from "./secret.js";
import { createSequenceClient, type SequenceClient } from "./sequence-client.js";

const TOKEN = "access-token-9b7a3d";

let server: ScriptedServer;
let client: SequenceClient;

beforeEach(async () => {
  server = await startScriptedServer();
  client = createSequenceClient({ baseUrl: server.url });
});

afterEach(async () => {
  await client.close();
  await server.close();
});

const listAccounts = () => client.listAccounts({ token: new Secret(TOKEN) });

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
    const truncated = await rejection(listAccounts());
    expect(truncated).toBeInstanceOf(MalformedResponseError);
    expect(truncated).toMatchObject({ status: 200, retryable: true, code: "MALFORMED_RESPONSE" });
    expect((truncated as Error).message).toBe(
      `list accounts failed: POST ${server.url}/accounts → 200 malformed response: the body is not a JSON object`,
    );
    expect(((await rejection(listAccounts())) as Error).message).toMatch(
      /malformed response: the body has neither data.accounts nor data.balances$/,
    );
  });

  it("refuses a body larger than 1 MiB", async () => {
    server.reply({ status: 200, body: { data: { accounts: [] }, padding: "x".repeat(1024 * 1024) } });
    const error = await rejection(listAccounts());
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/the body is larger than 1048576 bytes$/);
  });

  it("401 INVALID_ACCESS_TOKEN → AuthError", async () => {
    server.reply({ status: 401, body: { code: "INVALID_ACCESS_TOKEN", message: "Unauthorized" } });
    const error = await rejection(listAccounts());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "INVALID_ACCESS_TOKEN", retryable: false, op: "listAccounts" });
  });

  it("a 2xx whose body stalls is a body TimeoutError", async () => {
    const impatient = createSequenceClient({ baseUrl: server.url, timeouts: { bodyMs: 100 } });
    server.reply({ action: "stall-body", status: 200, firstChunk: '{"data":' });
    try {
      const error = await rejection(impatient.listAccounts({ token: new Secret(TOKEN) }));
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
