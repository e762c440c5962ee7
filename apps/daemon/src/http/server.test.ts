import { Secret } from "@seqd/core";
import { Agent, request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeTimers } from "../runtime/fake-timers.js";
import { waitUntil } from "../runtime/runtime-test-kit.js";
import type { ReloadOutcome } from "./contract.js";
import { type ServerHarness, startServerHarness } from "./http-test-kit.js";
import { baseUrl, parseListen } from "./listen-address.js";
import { CLOSE_GRACE_MS } from "./server.js";

const ADMIN_TOKEN = "adm_tok_close_4Tq7";
let h: ServerHarness | undefined;
let agent: Agent | undefined;

afterEach(async () => {
  await agent?.close();
  await h?.close();
  agent = undefined;
  h = undefined;
});

/** An admin reload that stays in flight until the test lets it finish. */
function blockingReload(server: ServerHarness) {
  const calls: (() => void)[] = [];
  server.setAdmin({
    token: new Secret(ADMIN_TOKEN),
    reload: () =>
      new Promise<ReloadOutcome>((resolve) => {
        calls.push(() => resolve({ ok: true, hash: "h", changed: false, message: "live" }));
      }),
    fire: async () => ({ kind: "refused", message: "not in this test" }),
  });
  return calls;
}

describe("startHttpServer", () => {
  it("listens on a free port and reports its URL", async () => {
    h = await startServerHarness();
    expect(h.server.port).toBeGreaterThan(0);
    expect(h.server.url).toBe(`http://127.0.0.1:${h.server.port}`);
    const res = await request(`${h.server.url}/healthz`);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });

  it("close() waits for a request in flight, which is answered with connection: close", async () => {
    h = await startServerHarness();
    const pending = blockingReload(h);
    const answer = request(`${h.server.url}/admin/reload`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    await waitUntil(() => pending.length === 1, "the reload to start");
    let closed = false;
    const closing = h.server.close().then(() => {
      closed = true;
    });
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    pending[0]!();
    const res = await answer;
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe("close");
    await res.body.dump();
    await closing;
    expect(closed).toBe(true);
  });

  it("close() does not wait for idle keep-alive connections", async () => {
    h = await startServerHarness();
    agent = new Agent({ keepAliveTimeout: 60_000 });
    const res = await request(`${h.server.url}/healthz`, { dispatcher: agent });
    await res.body.dump();
    let closed = false;
    void h.server.close().then(() => {
      closed = true;
    });
    // Node's own keep-alive timeout is 5 s: resolving well before it means idle sockets were closed.
    await waitUntil(() => closed, "close() with an idle keep-alive socket", 2_000);
  });

  it("close() cuts requests still in flight after the grace period", async () => {
    const { createFakeClock } = await import("@seqd/core");
    const timers = createFakeTimers(createFakeClock("2026-03-02T14:00:00Z"));
    h = await startServerHarness({ timers });
    const pending = blockingReload(h);
    const answer = request(`${h.server.url}/admin/reload`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }).catch((error: unknown) => error);
    await waitUntil(() => pending.length === 1, "the reload to start");
    const closing = h.server.close();
    timers.advance(CLOSE_GRACE_MS);
    await closing;
    expect(await answer).toBeInstanceOf(Error);
    expect(h.log.lines().some((line) => line.event === "http.close_forced")).toBe(true);
  });

  it("refuses to start on a port already taken", async () => {
    h = await startServerHarness();
    const { startHttpServer } = await import("./server.js");
    const { createMetrics } = await import("../observability/metrics.js");
    await expect(
      startHttpServer({
        listen: `127.0.0.1:${h.server.port}`,
        clock: h.clock,
        logger: h.log.logger,
        metrics: createMetrics({ processMetrics: false }),
        amounts: () => ({ byPath: new Map() }),
        audit: () => undefined,
        ready: () => ({ ready: true, checks: {} }),
        admin: () => undefined,
        onAmountDegraded: () => undefined,
      }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});

describe("parseListen", () => {
  it("reads IPv4, IPv6 and host names", () => {
    expect(parseListen("127.0.0.1:8787")).toEqual({ host: "127.0.0.1", port: 8787 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(parseListen("localhost:80")).toEqual({ host: "localhost", port: 80 });
    expect(baseUrl("::1", 4000)).toBe("http://[::1]:4000");
  });

  for (const bad of ["8787", "::1:80", "host:99999", "host:", ":80", "[::1]"]) {
    it(`refuses "${bad}"`, () => {
      expect(() => parseListen(bad)).toThrow(`cannot listen on "${bad}"`);
    });
  }
});
