import { request } from "node:http";
import { createServer } from "node:net";

/** One HTTP request to a local server. */
export interface HttpRequestSpec {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A finished response: status and body text. */
export interface HttpReply {
  status: number;
  body: string;
}

/**
 * Sends `spec` to 127.0.0.1:`port` on a fresh connection (no agent, so no
 * socket outlives the call) and resolves with the reply; rejects on a socket
 * error or after `timeoutMs`.
 */
export function httpRequest(port: number, spec: HttpRequestSpec, timeoutMs = 2_000): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: spec.method, path: spec.path, headers: spec.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(spec.body);
  });
}

/** Options for waitForStatus. */
export interface WaitOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs: number;
  /** Says why waiting is pointless (e.g. the server process exited), or undefined to go on. */
  abandon?: () => string | undefined;
}

/**
 * Repeats `spec` until it answers `status`; resolves with the milliseconds
 * waited. Refused connections and other statuses are retried until the
 * timeout.
 */
export async function waitForStatus(
  port: number,
  spec: HttpRequestSpec,
  status: number,
  options: WaitOptions,
): Promise<number> {
  const started = performance.now();
  let last = "no attempt";
  for (;;) {
    const reason = options.abandon?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${spec.path}: ${reason}`);
    try {
      const reply = await httpRequest(port, spec, options.timeoutMs);
      if (reply.status === status) return performance.now() - started;
      last = `answered ${reply.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (performance.now() - started > options.timeoutMs) {
      throw new Error(
        `${spec.method} ${spec.path} did not answer ${status} within ${options.timeoutMs} ms (${last})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}
