import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type ServerHarness, startServerHarness, TOKENS } from "./http-test-kit.js";

let h: ServerHarness;

afterEach(async () => {
  await h.close();
});

const TOKEN = TOKENS["top-up"];

async function ask(path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const res = await request(`${h.server.url}${path}`, { method: "POST", ...init });
  await res.body.dump();
  return res.statusCode;
}

async function askEveryWay(): Promise<void> {
  await ask(`/amount/top-up?token=${TOKEN}&ruleId=ru_1`, {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ruleId: "ru_1", token: TOKEN, nested: { apiKey: "k-123", echo: `see ${TOKEN}` } }),
  });
  await ask("/amount/top-up", {
    headers: {
      "x-sequence-signature": `Bearer ${TOKEN}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: `token=${TOKEN}&amount=5`,
  });
  await ask(`/amount/top-up?token=${TOKEN}x`, {
    headers: { "content-type": "text/plain" },
    body: `raw ${TOKEN}`,
  });
  await ask(`/amount/nope?token=${TOKEN}`);
}

describe("amount request logging", () => {
  it("never logs a token given by query, header or body, at info or debug", async () => {
    for (const level of ["info", "debug"]) {
      h = await startServerHarness({ logLevel: level });
      h.balances.set("checking", 90_000);
      h.balances.set("savings", 500_000);
      await askEveryWay();
      expect(h.log.text()).not.toContain(TOKEN);
      expect(h.log.text()).not.toContain(encodeURIComponent(TOKEN));
      expect(h.log.text()).not.toContain("k-123");
      await h.close();
    }
    h = await startServerHarness();
  });

  it("logs one info line per answer, and the redacted request in full for the first per endpoint", async () => {
    h = await startServerHarness();
    h.balances.set("checking", 90_000);
    h.balances.set("savings", 500_000);
    await askEveryWay();
    const answered = h.log.lines().filter((line) => line.event === "amount.answered");
    expect(answered.map((line) => [line.endpoint, line.method, line.outcome, line.cents])).toEqual([
      ["top-up", "POST", "ok", 60_000],
      ["top-up", "POST", "ok", 60_000],
      ["top-up", "POST", "unauthorized", undefined],
    ]);
    expect(answered[0]).toMatchObject({
      level: "info",
      contentType: "application/json",
      bodyBytes: expect.any(Number),
      requestId: expect.stringMatching(/-0$/),
      durationMs: 0,
    });
    const details = h.log.lines().filter((line) => line.event === "amount.request");
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      level: "info",
      url: "/amount/top-up?token=<redacted>&ruleId=ru_1",
      headers: { "content-type": "application/json" },
      body: expect.stringContaining('"ruleId":"ru_1","token":"<redacted>"'),
    });
  });

  it("logs the request in full at debug after the first, truncating the body to 2 KiB", async () => {
    h = await startServerHarness({ logLevel: "debug" });
    await ask(`/amount/top-up?token=${TOKEN}`);
    await ask(`/amount/top-up?token=${TOKEN}`, { body: "b".repeat(10_000) });
    const details = h.log.lines().filter((line) => line.event === "amount.request");
    expect(details.map((line) => line.level)).toEqual(["info", "debug"]);
    expect(details[1]).toMatchObject({ bodyBytes: 10_000, bodyTruncated: true });
    expect(String(details[1]!.body)).toHaveLength(2048);
    expect(details[1]!.headers).toMatchObject({ "content-length": "10000" });
  });
});
