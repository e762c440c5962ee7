import { connect } from "node:net";
import { Readable } from "node:stream";
import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAmountRoutes } from "./amount-routes.js";
import { amountSecrets, type ServerHarness, startServerHarness, TOKENS } from "./http-test-kit.js";

let h: ServerHarness;

beforeEach(async () => {
  h = await startServerHarness();
  h.balances.set("checking", 90_000);
  h.balances.set("savings", 500_000);
});
afterEach(async () => {
  await h.close();
});

const TOP_UP = "/amount/top-up";
const WRONG_SAME_LENGTH = TOKENS["top-up"].replace(/.$/, "X");

async function call(
  path: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string | Buffer | Readable } = {},
) {
  const res = await request(`${h.server.url}${path}`, {
    method: init.method ?? "POST",
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: text === "" ? undefined : JSON.parse(text),
  };
}

/** Sends raw bytes and returns the raw response (for requests undici refuses to build). */
function raw(text: string): Promise<string> {
  const { port } = h.server;
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

const withQuery = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;
const bearer = (token: string) => ({ "x-sequence-signature": `Bearer ${token}` });

describe("amount endpoints: answers", () => {
  for (const method of ["GET", "POST"] as const) {
    it(`${method} with the token in the query answers the formula's amount`, async () => {
      const res = await call(withQuery(TOP_UP, TOKENS["top-up"]), { method });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ amountInCents: 60_000 });
      expect(res.headers["content-type"]).toBe("application/json");
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    });

    it(`${method} with the token in x-sequence-signature answers too`, async () => {
      const res = await call(TOP_UP, { method, headers: bearer(TOKENS["top-up"]) });
      expect(res).toMatchObject({ status: 200, json: { amountInCents: 60_000 } });
    });
  }

  const bodies: [string, Record<string, string>, string | undefined][] = [
    ["JSON", { "content-type": "application/json" }, '{"ruleId":"ru_1","token":"x"}'],
    ["form", { "content-type": "application/x-www-form-urlencoded" }, "a=1&b=2"],
    ["text", { "content-type": "text/plain" }, "hello"],
    ["malformed JSON", { "content-type": "application/json" }, '{"ruleId":'],
    ["no content type", {}, "\u0000\u0001binary"],
    ["empty", { "content-type": "application/json" }, ""],
    ["absent", {}, undefined],
  ];
  for (const [name, headers, body] of bodies) {
    it(`accepts a ${name} body`, async () => {
      const res = await call(withQuery(TOP_UP, TOKENS["top-up"]), {
        headers,
        ...(body === undefined ? {} : { body }),
      });
      expect(res).toMatchObject({ status: 200, json: { amountInCents: 60_000 } });
    });
  }

  it("accepts a body of exactly 64 KiB", async () => {
    const res = await call(withQuery(TOP_UP, TOKENS["top-up"]), { body: Buffer.alloc(64 * 1024, 0x61) });
    expect(res.status).toBe(200);
  });

  it("clamps with max, then min (a positive result under min is 0)", async () => {
    h.balances.set("checking", 0);
    expect((await call(withQuery(TOP_UP, TOKENS["top-up"]))).json).toEqual({ amountInCents: 100_000 });
    h.balances.set("checking", 20_000); // pct(20_000, 2) = 400 < min $5
    const minClamp = await call(withQuery("/amount/min-clamp", TOKENS["min-clamp"]));
    expect(minClamp.json).toEqual({ amountInCents: 0 });
    expect(h.audits.at(-1)).toMatchObject({ endpoint: "min-clamp", raw: 400, clamped: 0, outcome: "ok" });
  });

  it("answers a negative formula result per onStale: zero, and alerts", async () => {
    const res = await call(withQuery("/amount/negative", TOKENS.negative));
    expect(res).toMatchObject({ status: 200, json: { amountInCents: 0 } });
    expect(h.degraded).toEqual([
      { endpointId: "negative", code: "negative_amount", message: expect.any(String) },
    ]);
    expect(h.audits[0]).toMatchObject({ outcome: "zero_stale", errorCode: "negative_amount", clamped: 0 });
    expect(h.audits[0]).not.toHaveProperty("raw");
  });

  it("switches atomically to a new table when amounts() returns one", async () => {
    const before = await call(withQuery(TOP_UP, TOKENS["top-up"]));
    expect(before.status).toBe(200);
    h.setRoutes(
      createAmountRoutes({
        runtime: h.runtime,
        secrets: amountSecrets({ ...TOKENS, "top-up": "rotated-token-after-reload" }),
        reading: h.balances.reading,
      }),
    );
    expect((await call(withQuery(TOP_UP, TOKENS["top-up"]))).status).toBe(401);
    expect((await call(withQuery(TOP_UP, "rotated-token-after-reload"))).status).toBe(200);
  });
});

describe("amount endpoints: after the answer", () => {
  it("keeps answering when the audit or alert callback throws", async () => {
    const throwing = await startServerHarness({
      audit: () => {
        throw new Error("audit queue exploded");
      },
    });
    try {
      throwing.balances.set("checking", 90_000);
      throwing.balances.set("savings", 500_000);
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await request(`${throwing.server.url}${withQuery(TOP_UP, TOKENS["top-up"])}`);
        expect(res.statusCode).toBe(200);
        expect(await res.body.json()).toEqual({ amountInCents: 60_000 });
      }
      expect(throwing.log.lines().filter((line) => line.event === "amount.record_failed")).toHaveLength(2);
    } finally {
      await throwing.close();
    }
  });
});

describe("amount endpoints: stale and unavailable balances", () => {
  const degradations = [
    ["stale", () => h.balances.set("checking", 90_000, new Date(h.clock.now().getTime() - 21 * 60_000))],
    ["unavailable", () => h.balances.fail("checking")],
    ["never read", () => h.balances.readings.delete("checking")],
  ] as const;
  for (const [name, degrade] of degradations) {
    it(`onStale: zero answers 0 and alerts when a balance is ${name}`, async () => {
      degrade();
      const res = await call(withQuery(TOP_UP, TOKENS["top-up"]));
      expect(res).toMatchObject({ status: 200, json: { amountInCents: 0 } });
      expect(h.degraded).toEqual([
        { endpointId: "top-up", code: "balance_unavailable", message: expect.any(String) },
      ]);
      expect(h.audits).toHaveLength(1);
      expect(h.audits[0]).toMatchObject({
        outcome: "zero_stale",
        clamped: 0,
        errorCode: "balance_unavailable",
      });
    });

    it(`onStale: reject answers 503 JSON when a balance is ${name}`, async () => {
      degrade();
      const res = await call(withQuery("/amount/strict", TOKENS.strict), { method: "GET" });
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ error: { code: "balance_unavailable", message: expect.any(String) } });
      expect(h.degraded.map((d) => d.endpointId)).toEqual(["strict"]);
      expect(h.audits[0]).toMatchObject({ outcome: "rejected", errorCode: "balance_unavailable" });
      expect(h.audits[0]).not.toHaveProperty("clamped");
    });
  }
});

describe("amount endpoints: refusals", () => {
  const refusals: [string, () => Promise<Awaited<ReturnType<typeof call>>>, number, string][] = [];
  for (const method of ["GET", "POST"] as const) {
    refusals.push(
      [
        `${method} wrong token in query`,
        () => call(withQuery(TOP_UP, WRONG_SAME_LENGTH), { method }),
        401,
        "unauthorized",
      ],
      [
        `${method} wrong token in header`,
        () => call(TOP_UP, { method, headers: bearer(WRONG_SAME_LENGTH) }),
        401,
        "unauthorized",
      ],
      [`${method} short wrong token`, () => call(withQuery(TOP_UP, "x"), { method }), 401, "unauthorized"],
      [
        `${method} long wrong token`,
        () => call(withQuery(TOP_UP, `${TOKENS["top-up"]}-and-more`), { method }),
        401,
        "unauthorized",
      ],
      [
        `${method} another endpoint's token`,
        () => call(withQuery(TOP_UP, TOKENS.strict), { method }),
        401,
        "unauthorized",
      ],
      [
        `${method} header without Bearer`,
        () => call(TOP_UP, { method, headers: { "x-sequence-signature": TOKENS["top-up"] } }),
        401,
        "unauthorized",
      ],
      [`${method} missing token`, () => call(TOP_UP, { method }), 401, "unauthorized"],
      [`${method} empty token`, () => call(`${TOP_UP}?token=`, { method }), 401, "unauthorized"],
      [
        `${method} unknown path`,
        () => call(withQuery("/amount/nope", TOKENS["top-up"]), { method }),
        404,
        "not_found",
      ],
      [`${method} unknown path, no token`, () => call("/amount/nope", { method }), 404, "not_found"],
    );
  }
  for (const [name, send, status, code] of refusals) {
    it(`answers ${status} ${code}: ${name}`, async () => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.json).toEqual({ error: { code, message: expect.any(String) } });
      expect(res.text).not.toContain(TOKENS["top-up"]);
      expect(h.audits).toEqual([]);
      expect(h.degraded).toEqual([]);
    });
  }

  it("counts refusals by outcome", async () => {
    await call(withQuery(TOP_UP, "wrong"));
    await call(withQuery(TOP_UP, TOKENS["top-up"]));
    const text = await h.metrics.registry.metrics();
    expect(text).toContain('seqd_amount_requests_total{endpoint="top-up",outcome="unauthorized"} 1');
    expect(text).toContain('seqd_amount_requests_total{endpoint="top-up",outcome="ok"} 1');
    expect(text).toContain('seqd_amount_request_duration_seconds_count{endpoint="top-up"} 2');
  });

  it("accepts when any of several tokens given is right, and refuses a token in the wrong endpoint", async () => {
    const both = await call(`${TOP_UP}?token=wrong&token=${TOKENS["top-up"]}`);
    expect(both.status).toBe(200);
  });

  it("answers 413 to a Content-Length past 64 KiB", async () => {
    const res = await call(withQuery(TOP_UP, TOKENS["top-up"]), { body: Buffer.alloc(64 * 1024 + 1, 0x61) });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    expect(h.audits).toEqual([]);
  });

  it("answers 413 to a chunked body that grows past 64 KiB", async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 0x62));
    const res = await call(withQuery(TOP_UP, TOKENS["top-up"]), { body: Readable.from(chunks) });
    expect(res.status).toBe(413);
    expect(await h.metrics.registry.metrics()).toContain('outcome="too_large"} 1');
  });

  it("answers 405 to other methods", async () => {
    const res = await request(`${h.server.url}${withQuery(TOP_UP, TOKENS["top-up"])}`, { method: "PUT" });
    expect(res.statusCode).toBe(405);
    expect(await res.body.json()).toEqual({
      error: { code: "method_not_allowed", message: expect.any(String) },
    });
  });

  const malformed = [
    ["bad percent-encoding in the token", `${TOP_UP}?token=%E0%A4%A&x=%zz`, 401],
    ["a bare token key", `${TOP_UP}?token`, 401],
    ["an empty query", `${TOP_UP}?`, 401],
    ["bad percent-encoding in the path", "/amount/%zz?token=x", 404],
    ["a path with dot segments", "/amount/../amount/top-up", 404],
  ] as const;
  for (const [name, target, status] of malformed) {
    it(`answers ${status}, never 5xx, to ${name}`, async () => {
      const answer = await raw(`GET ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
      expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(answer).toMatch(/\{"error":\{"code":"[a-z_]+","message":/);
    });
  }

  it("answers 400 JSON to a request line that is not HTTP", async () => {
    const answer = await raw("GARBAGE\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 400 /);
    expect(answer).toContain('"code":"bad_request"');
  });
});
