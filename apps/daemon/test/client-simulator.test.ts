import {
  AuthError,
  createFakeClock,
  createSequenceClient,
  defaultTriggerRetryPolicy,
  HttpError,
  MalformedResponseError,
  NetworkError,
  RateLimitedError,
  Secret,
  type SequenceClient,
  type SequenceError,
  TimeoutError,
  withRetry,
} from "@seqd/core";
import { type RunningSimulator, type SimEvent, type StateInput, startSimulator } from "@seqd/simulator";
import { afterEach, describe, expect, it } from "vitest";

// The @seqd/core client against the simulator over real loopback HTTP: every
// legacy row of sequence-api.md §5, as the daemon will meet them.

const STATE: StateInput = {
  accounts: [
    { id: "5579244", name: "Checking", type: "Account", balance: "$2_500.00" },
    { id: "5579245", name: "Savings Pod", type: "Pod", balance: "$10_000.29" },
  ],
  tokens: [{ token: "access-tok-1" }],
  rules: [
    {
      id: "ru_topup",
      secret: "rule-secret-1",
      actions: [{ transfer: { from: "5579245", to: "5579244", amount: { fixed: "$25" } } }],
    },
  ],
  rateLimit: { perRule: { max: 1, window: "60s", retryAfter: true } },
};

const token = new Secret("access-tok-1");
const secret = new Secret("rule-secret-1");

let sim: RunningSimulator;
let client: SequenceClient;
const clock = createFakeClock("2026-03-02T14:00:00Z");

async function start(state: StateInput = STATE, timeouts = {}) {
  sim = await startSimulator({ state, clock, driftCheckMs: 3_600_000 });
  client = createSequenceClient({ baseUrl: sim.url, clock, timeouts });
}

afterEach(async () => {
  await client?.close();
  await sim?.stop();
});

type TriggerEvent = Extract<SimEvent, { type: "trigger" }>;
const triggerEvents = () =>
  sim.events({ type: "trigger" }).filter((event): event is TriggerEvent => event.type === "trigger");

const triggerUrl = () => `${sim.url}/remote-api/rules/ru_topup/trigger`;

async function rejection(promise: Promise<unknown>): Promise<SequenceError> {
  try {
    await promise;
  } catch (error) {
    return error as SequenceError;
  }
  throw new Error("expected the call to fail");
}

describe("triggerRule against the simulator", () => {
  it("200: returns the requestId from data and the rule executes once", async () => {
    await start();
    const result = await client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-200" });
    expect(result.status).toBe(200);
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await sim.settled();
    expect(sim.balances()["5579244"]).toBe(252_500);
    expect(triggerEvents()).toMatchObject([
      { ruleId: "ru_topup", idempotencyKey: "k-200", requestId: result.requestId, outcome: "executed" },
    ]);
  });

  it("the documented /rules/{id}/trigger path works too", async () => {
    await start();
    const result = await client.triggerRule({
      url: `${sim.url}/rules/ru_topup/trigger`,
      secret,
      idempotencyKey: "k-short-path",
    });
    expect(result.status).toBe(200);
  });

  it("the same idempotency key twice executes once and answers the same requestId", async () => {
    await start();
    const first = await client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-dup" });
    const second = await client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-dup" });
    await sim.settled();
    expect(second.requestId).toBe(first.requestId);
    expect(triggerEvents().map((e) => e.outcome)).toEqual(["executed", "deduplicated"]);
    expect(sim.executions()).toHaveLength(1);
  });

  it("401 INVALID_API_SECRET: permanent AuthError, no secret in the message", async () => {
    await start();
    const error = await rejection(
      client.triggerRule({
        url: triggerUrl(),
        secret: new Secret("wrong-secret-xyz"),
        idempotencyKey: "k-401",
      }),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_API_SECRET", retryable: false });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain("wrong-secret-xyz");
  });

  it("400 INVALID_REQUEST for an unknown rule: permanent", async () => {
    await start();
    const error = await rejection(
      client.triggerRule({
        url: `${sim.url}/remote-api/rules/ru_nope/trigger`,
        secret,
        idempotencyKey: "k-400",
      }),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: "INVALID_REQUEST", retryable: false });
  });

  it("404 for a wrong path: permanent config bug", async () => {
    await start();
    const error = await rejection(
      client.triggerRule({ url: `${sim.url}/nope`, secret, idempotencyKey: "k-404" }),
    );
    expect(error).toMatchObject({ status: 404, retryable: false });
  });

  it("429 TOO_MANY_REQUESTS with Retry-After, then success after backoff with the same key", async () => {
    await start();
    await client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-first" });
    const throttled = await rejection(
      client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-second" }),
    );
    expect(throttled).toBeInstanceOf(RateLimitedError);
    expect(throttled).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS", retryable: true });
    expect(throttled.retryAfterMs).toBeGreaterThan(0);

    const slept: number[] = [];
    const result = await withRetry(
      () => client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-second" }),
      {
        policy: defaultTriggerRetryPolicy,
        clock,
        random: () => 0.5,
        sleep: async (ms) => {
          slept.push(ms);
          clock.advance(ms);
        },
      },
    );
    expect(result.status).toBe(200);
    expect(slept.length).toBeGreaterThanOrEqual(1);
    expect(slept[0]).toBeGreaterThanOrEqual(throttled.retryAfterMs!);
    await sim.settled();
    const attempts = triggerEvents().filter((e) => e.idempotencyKey === "k-second");
    // The explicit call, then withRetry's attempts: every one throttled but the last.
    expect(attempts.map((e) => e.outcome)).toEqual([
      "rate_limited",
      ...Array(slept.length).fill("rate_limited"),
      "executed",
    ]);
    expect(sim.executions()).toHaveLength(2);
  });

  it("5xx JSON and plain text are retryable", async () => {
    await start({
      ...STATE,
      faults: [{ route: "trigger", kind: "status", status: 503, body: "json", times: 1 }],
    });
    const json = await rejection(client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-503" }));
    expect(json).toMatchObject({ status: 503, retryable: true });
    sim.addFault({ route: "trigger", kind: "status", status: 500, body: "text", times: 1 });
    const text = await rejection(client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-500" }));
    expect(text).toMatchObject({ status: 500, retryable: true });
  });

  it("a connection reset is a retryable NetworkError that may have reached Sequence", async () => {
    await start({ ...STATE, faults: [{ route: "trigger", kind: "reset", times: 1 }] });
    const error = await rejection(
      client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-reset" }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ retryable: true, mayHaveReachedSequence: true });
  });

  it("a stalled answer times out, retryable", async () => {
    await start(
      { ...STATE, faults: [{ route: "trigger", kind: "latency", latency: "5s", times: 1 }] },
      {
        headersMs: 150,
      },
    );
    const error = await rejection(
      client.triggerRule({ url: triggerUrl(), secret, idempotencyKey: "k-stall" }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.retryable).toBe(true);
  });
});

describe("listAccounts against the simulator", () => {
  it("reads balances as exact cents", async () => {
    await start();
    const { accounts, shape } = await client.listAccounts({ token });
    expect(shape).toBe("accounts");
    expect(accounts).toEqual([
      { id: "5579244", name: "Checking", type: "Account", balance: { ok: true, cents: 250_000 } },
      { id: "5579245", name: "Savings Pod", type: "Pod", balance: { ok: true, cents: 1_000_029 } },
    ]);
  });

  it("401 INVALID_ACCESS_TOKEN, and the rule secret is not an access token", async () => {
    await start();
    const error = await rejection(client.listAccounts({ token: secret }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_ACCESS_TOKEN", retryable: false });
  });

  it("an account Sequence cannot read is unavailable with its error text, never 0", async () => {
    await start({ ...STATE, faults: [{ route: "accounts", kind: "nullBalance", accounts: ["5579244"] }] });
    const { accounts } = await client.listAccounts({ token });
    expect(accounts[0]?.balance).toEqual({ ok: false, error: expect.any(String) });
    expect(accounts[1]?.balance).toEqual({ ok: true, cents: 1_000_029 });
  });

  it("the old data.balances shape still parses", async () => {
    await start({ ...STATE, faults: [{ route: "accounts", kind: "legacyShape" }] });
    const { accounts, shape } = await client.listAccounts({ token });
    expect(shape).toBe("balances");
    expect(accounts.map((a) => a.balance)).toEqual([
      { ok: true, cents: 250_000 },
      { ok: true, cents: 1_000_029 },
    ]);
  });

  it("a 200 with malformed JSON is a retryable MalformedResponseError", async () => {
    await start({ ...STATE, faults: [{ route: "accounts", kind: "malformed", times: 1 }] });
    const error = await rejection(client.listAccounts({ token }));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.retryable).toBe(true);
  });
});
