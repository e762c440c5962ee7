import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Clock } from "@seqd/core";
import type { AmountAuditInput } from "@seqd/store";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import { createRealTimers, type Timers } from "../runtime/timers.js";
import { createAmountHandler } from "./amount-handler.js";
import type { AmountRoutes } from "./amount-routes.js";
import type { AdminHooks, ReadyReport } from "./contract.js";
import { baseUrl, parseListen } from "./listen-address.js";
import { createOpsApp } from "./ops-app.js";

/** How long `close()` waits for requests in flight before cutting their connections. */
export const CLOSE_GRACE_MS = 10_000;

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** `127.0.0.1:8787`, `[::1]:0`; port 0 picks a free port. */
  listen: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Read once per request: a reload swaps it. */
  amounts: () => AmountRoutes;
  audit: (row: AmountAuditInput) => void;
  ready: () => ReadyReport;
  admin: () => AdminHooks | undefined;
  /** An amount was answered 0 or 503 instead of computed; the daemon raises a deduplicated alert. */
  onAmountDegraded: (endpointId: string, code: string, message: string) => void;
  /** Where `close()` waits; real timers on `clock` by default. */
  timers?: Timers;
  /** Default {@link CLOSE_GRACE_MS}. */
  closeGraceMs?: number;
}

/** The daemon's HTTP server, listening. */
export interface RunningHttpServer {
  /** `http://host:port`. */
  url: string;
  port: number;
  /** Stops accepting, closes idle keep-alive sockets, waits (bounded) for requests in flight. */
  close(): Promise<void>;
}

const BAD_REQUEST = JSON.stringify({ error: { code: "bad_request", message: "malformed HTTP request" } });

/**
 * Starts the daemon's port: amount endpoints on a plain `node:http` listener (the hot path),
 * everything else (`/healthz`, `/readyz`, `/metrics`, `/admin/*`, 404s) on a Hono app.
 *
 * @example
 * const server = await startHttpServer({ listen: "127.0.0.1:0", clock, logger, metrics, amounts, audit, ready, admin, onAmountDegraded });
 * await fetch(`${server.url}/healthz`);
 * await server.close();
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { host, port } = parseListen(options.listen);
  const timers = options.timers ?? createRealTimers({ clock: options.clock });
  const amounts = createAmountHandler(options);
  const ops = getRequestListener(createOpsApp(options).fetch);
  let closing = false;
  const inFlight = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (closing) server.closeIdleConnections();
    });
    if (closing) res.setHeader("connection", "close");
    if (!amounts(req, res)) void ops(req, res);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(BAD_REQUEST)}\r\nconnection: close\r\n\r\n${BAD_REQUEST}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const url = baseUrl(host, bound);
  options.logger.info({ event: "http.listening", url }, `listening on ${url}`);

  let closed: Promise<void> | undefined;
  return {
    url,
    port: bound,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        // Answers still to come tell their clients not to reuse the connection.
        for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
        const grace = timers.setTimeout(() => {
          if (inFlight.size > 0) {
            options.logger.warn(
              { event: "http.close_forced", inFlight: inFlight.size },
              "cut requests still in flight",
            );
          }
          server.closeAllConnections();
        }, options.closeGraceMs ?? CLOSE_GRACE_MS);
        server.close(() => {
          timers.clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
