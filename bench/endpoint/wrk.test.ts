import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { hasCommand, NO_PINNING } from "../lib/launcher.js";
import { AMOUNT_REQUEST } from "./servers.js";
import { parseWrkOutput, runWrk, wrkArgs, wrkEnv } from "./wrk.js";

const JSON_LINE =
  'JSON {"requests":498765,"duration_us":10001234,"p50_us":930,"p99_us":2380,"max_us":15001,' +
  '"err_status":0,"err_read":1,"err_write":0,"err_timeout":2,"err_connect":0}';
const STAT_LINE = "STAT 9 (sh) S 1 9 9 0 -1 0 0 0 0 0 0 0 612 201 20 0 1 0 1 1 1";

describe("parseWrkOutput", () => {
  it("reads post.lua's line and wrk's CPU from the wrapper's stat line", () => {
    expect(parseWrkOutput(`Running 10s test\n${JSON_LINE}\n${STAT_LINE}\n`)).toEqual({
      requests: 498_765,
      durationUs: 10_001_234,
      p50Us: 930,
      p99Us: 2380,
      maxUs: 15_001,
      errors: { status: 0, read: 1, write: 0, timeout: 2, connect: 0 },
      generatorTicks: 813,
    });
  });

  it("leaves wrk's CPU unknown without the stat line", () => {
    expect(parseWrkOutput(JSON_LINE).generatorTicks).toBeNull();
  });

  it("refuses output without a result line, showing what wrk printed", () => {
    expect(() => parseWrkOutput("unable to connect to 127.0.0.1:1")).toThrow(
      /no result line:\nunable to connect/,
    );
  });
});

describe("wrk's command line and environment", () => {
  it("uses one thread, the connections, the duration, a timeout and post.lua", () => {
    const args = wrkArgs({ connections: 50, seconds: 10 }, "http://127.0.0.1:1/amount/bench");
    expect(args.slice(0, 5)).toEqual(["-t1", "-c50", "-d10s", "--timeout", "5s"]);
    expect(args.at(-2)).toMatch(/post\.lua$/);
    expect(args.at(-1)).toBe("http://127.0.0.1:1/amount/bench");
  });

  it("passes the request as method, body and header lines", () => {
    expect(wrkEnv(AMOUNT_REQUEST)).toEqual({
      BENCH_METHOD: "POST",
      BENCH_BODY: '{"rule":"skim","vars":{"pct":15}}',
      BENCH_HEADERS:
        "content-type: application/json\nx-sequence-signature: Bearer tok-0123456789abcdef0123456789abcdef",
    });
  });
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe.skipIf(!hasCommand("wrk", ["-v"]))("against a real server", () => {
  it("sends exactly the configured request and reports it (a 1 s run)", async () => {
    const seen = new Set<string>();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        seen.add(
          `${req.method} ${req.url} ${req.headers["content-type"]} ${req.headers["x-sequence-signature"]} ` +
            Buffer.concat(chunks).toString("utf8"),
        );
        res.writeHead(200, { "content-type": "application/json" }).end('{"amountInCents":1}');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const stats = await runWrk(NO_PINNING, 0, port, AMOUNT_REQUEST, { connections: 1, seconds: 1 });
    expect([...seen]).toEqual([
      'POST /amount/bench application/json Bearer tok-0123456789abcdef0123456789abcdef {"rule":"skim","vars":{"pct":15}}',
    ]);
    expect(stats.requests).toBeGreaterThan(0);
    expect(stats.errors).toEqual({ status: 0, read: 0, write: 0, timeout: 0, connect: 0 });
    expect(stats.generatorTicks).not.toBeNull();
  });
});
