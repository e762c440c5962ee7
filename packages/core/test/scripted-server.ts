import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client's port: equal ports mean the same (kept-alive) connection. */
  remotePort: number;
}

/** How to answer one request. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string | object }
  /** Read the request, then destroy the socket without answering (a connection reset). */
  | { action: "destroy" }
  /** Read the request and never answer. */
  | { action: "stall" }
  /** Send the status line, headers and a first chunk, then go silent. */
  | { action: "stall-body"; status: number; firstChunk: string };

/** A loopback HTTP server that records requests and answers from a script. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Queues replies, used in order; an unscripted request gets a 599 so tests fail loudly. */
  reply(...replies: Reply[]): void;
  /** Resolves once `count` requests have been fully received. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a {@link ScriptedServer} on 127.0.0.1, port 0 (a free port). */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        remotePort: req.socket.remotePort ?? -1,
      });
      for (const waiter of waiters.filter((w) => w.count <= requests.length)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      answer(queue.shift(), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function answer(reply: Reply | undefined, res: ServerResponse): void {
  if (reply === undefined) {
    res.writeHead(599, { "content-type": "text/plain" }).end("no scripted reply");
    return;
  }
  if ("action" in reply) {
    switch (reply.action) {
      case "destroy":
        res.socket?.destroy();
        return;
      case "stall":
        return;
      case "stall-body":
        res.writeHead(reply.status, { "content-type": "application/json" });
        res.write(reply.firstChunk);
        return;
    }
  }
  const isJson = typeof reply.body === "object";
  const body = isJson ? JSON.stringify(reply.body) : (reply.body ?? "");
  const type = isJson ? "application/json" : "text/plain";
  res.writeHead(reply.status, { "content-type": type, ...reply.headers }).end(body);
}
