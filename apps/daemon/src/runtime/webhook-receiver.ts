import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server standing in for an alert webhook in tests. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Parsed JSON bodies. */
  bodies(): Record<string, unknown>[];
  /** Status to answer for the n-th request (1-based); default 200. */
  respondWith(status: (n: number) => number): void;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1, port 0. Test support only. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let statusFor: (n: number) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.statusCode = statusFor(requests.length);
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/seqd?channel=ops`,
    requests,
    bodies: () => requests.map((request) => JSON.parse(request.body) as Record<string, unknown>),
    respondWith(next) {
      statusFor = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
