import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, httpRequest, waitForStatus } from "./http.js";

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A loopback server on port 0 answering with `handler`'s status and body. */
async function serve(handler: (body: string, headers: Record<string, unknown>) => [number, string]) {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const [status, body] = handler(Buffer.concat(chunks).toString("utf8"), req.headers);
      res.writeHead(status).end(body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("httpRequest", () => {
  it("sends method, path, headers and body and returns status and body", async () => {
    const port = await serve((body, headers) => [201, `${headers["x-token"]} ${body}`]);
    const reply = await httpRequest(port, {
      method: "POST",
      path: "/amount/x",
      headers: { "x-token": "t1" },
      body: '{"a":1}',
    });
    expect(reply).toEqual({ status: 201, body: 't1 {"a":1}' });
  });

  it("rejects when nothing listens", async () => {
    const port = await freePort();
    await expect(httpRequest(port, { method: "GET", path: "/", headers: {} })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});

describe("waitForStatus", () => {
  it("retries until the expected status and reports how long it waited", async () => {
    let calls = 0;
    const port = await serve(() => {
      calls += 1;
      return calls < 3 ? [503, "starting"] : [200, "ok"];
    });
    const waited = await waitForStatus(port, { method: "GET", path: "/readyz", headers: {} }, 200, {
      timeoutMs: 5_000,
      intervalMs: 1,
    });
    expect(calls).toBe(3);
    expect(waited).toBeGreaterThan(0);
  });

  it("gives up at once when told the server is gone", async () => {
    const port = await freePort();
    await expect(
      waitForStatus(port, { method: "GET", path: "/readyz", headers: {} }, 200, {
        timeoutMs: 5_000,
        intervalMs: 1,
        abandon: () => "exited with 1",
      }),
    ).rejects.toThrow("gave up waiting for /readyz: exited with 1");
  });

  it("times out naming the last answer", async () => {
    const port = await serve(() => [503, "starting"]);
    await expect(
      waitForStatus(port, { method: "GET", path: "/readyz", headers: {} }, 200, {
        timeoutMs: 0,
        intervalMs: 1,
      }),
    ).rejects.toThrow("GET /readyz did not answer 200 within 0 ms (answered 503)");
  });
});

describe("freePort", () => {
  it("returns a port a server can listen on", async () => {
    const port = await freePort();
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    expect((server.address() as AddressInfo).port).toBe(port);
  });
});
