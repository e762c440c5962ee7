import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AMOUNT_REQUEST, HONO_BARE, NODE_BARE, type ServerSpec } from "../endpoint/servers.js";
import { httpRequest } from "./http.js";
import { NO_PINNING } from "./launcher.js";
import { amountOf, startServer } from "./server-process.js";

const scratch = mkdtempSync(join(tmpdir(), "seqd-bench-server-test-"));
const options = { launcher: NO_PINNING, core: 0, scratch, cwd: process.cwd(), pollMs: 5 };
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A one-line node:http server: 200 on /ready, `status` with `body` on anything else. */
function inlineServer(name: string, status: number, body: string): ServerSpec {
  const script =
    "require('node:http').createServer((q, s) => s.writeHead(q.url === '/ready' ? 200 : " +
    `${status}).end(${JSON.stringify(body)})).listen(Number(process.env.PORT), '127.0.0.1')`;
  return {
    name,
    role: "reference",
    describe: name,
    launch: ({ port }) => ({ args: ["-e", script], env: { PORT: String(port) } }),
    ready: { method: "GET", path: "/ready", headers: {}, status: 200 },
    request: AMOUNT_REQUEST,
  };
}

describe("startServer", () => {
  it.each([NODE_BARE, HONO_BARE])("starts the $name anchor, times it to ready and stops it", async (spec) => {
    const server = await startServer(spec, options);
    try {
      expect(server.readyMs).toBeGreaterThan(0);
      const reply = await httpRequest(server.port, AMOUNT_REQUEST);
      expect(reply.status).toBe(200);
      expect(amountOf(reply.body)).toBe(12345);
    } finally {
      await server.stop();
    }
    await expect(httpRequest(server.port, AMOUNT_REQUEST)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("refuses a server whose amount request does not answer an amount, with its answer", async () => {
    await expect(
      startServer(inlineServer("locked", 401, '{"error":"unauthorized"}'), options),
    ).rejects.toThrow('server locked: POST /amount/bench answered 401 {"error":"unauthorized"}');
  });

  it("gives up as soon as the process exits, showing its output", async () => {
    const crashing: ServerSpec = {
      ...NODE_BARE,
      name: "crashing",
      launch: () => ({ args: ["-e", "console.error('no config'); process.exit(3)"] }),
    };
    await expect(startServer(crashing, options)).rejects.toThrow(
      /server crashing: .*exited with 3\nno config/,
    );
  });

  it("reports a process that cannot be started instead of crashing the suite", async () => {
    const spec: ServerSpec = { ...NODE_BARE, name: "unstartable" };
    await expect(startServer(spec, { ...options, cwd: join(scratch, "no-such-directory") })).rejects.toThrow(
      /server unstartable: could not start/,
    );
  });
});

describe("amountOf", () => {
  it("accepts a safe integer amount of cents ≥ 0 only", () => {
    expect(amountOf('{"amountInCents":0}')).toBe(0);
    expect(amountOf('{"amountInCents":150000}')).toBe(150_000);
    for (const body of ['{"amountInCents":-1}', '{"amountInCents":1.5}', '{"amount":1}', "null", "oops"]) {
      expect(amountOf(body)).toBeUndefined();
    }
  });
});
