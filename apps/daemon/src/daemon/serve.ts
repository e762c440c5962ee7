import type { Clock } from "@seqd/core";
import type { Logger } from "pino";
import { type AmountRoutes, createAmountRoutes, createAuditQueue, startHttpServer } from "../http/index.js";
import { formatListen } from "../http/listen-address.js";
import type { Metrics } from "../observability/metrics.js";
import type { Timers } from "../runtime/timers.js";
import type { Daemon } from "./daemon.js";
import type { DaemonConfig } from "./daemon-config.js";

/** The same degraded amount (endpoint and cause) is alerted at most this often. */
const DEGRADED_ALERT_EVERY_MS = 60_000;

export interface ServingDaemon {
  /** `http://host:port` the daemon listens on. */
  url: string;
  /** Stops accepting requests, answers those in flight, writes the last audits. */
  close(): Promise<void>;
}

/**
 * Puts the daemon on `server.listen`: amount endpoints answered from the balance book
 * (switched whole on each reload, so no request sees half a config), audits batched to the
 * store, `/healthz` `/readyz` `/metrics`, and `/admin/*` while `server.adminToken` is set.
 */
export async function serveDaemon(
  daemon: Daemon,
  options: { clock: Clock; timers: Timers; logger: Logger; metrics: Metrics; listen?: string },
): Promise<ServingDaemon> {
  const { clock, timers, logger, metrics } = options;
  const build = (config: DaemonConfig): AmountRoutes =>
    createAmountRoutes({ runtime: config.runtime, secrets: config.secrets, reading: daemon.book.reading });
  let routes = build(daemon.current());
  const unsubscribe = daemon.onConfig((config) => {
    routes = build(config);
  });
  const audits = createAuditQueue({ store: daemon.store, guard: daemon.guard, timers, logger, metrics });
  const lastAlerted = new Map<string, number>();
  const server = await startHttpServer({
    listen: options.listen ?? formatListen(daemon.current().config.server.listen),
    clock,
    timers,
    logger,
    metrics,
    amounts: () => routes,
    audit: (row) => audits.push(row),
    ready: () => daemon.ready(),
    admin: () => {
      const token = daemon.current().secrets.get("server.adminToken");
      return token === undefined
        ? undefined
        : { token, reload: () => daemon.reload(), fire: (triggerId) => daemon.fire(triggerId) };
    },
    onAmountDegraded: (endpointId, code, message) => {
      const key = `${endpointId}:${code}`;
      const now = clock.now().getTime();
      if (now - (lastAlerted.get(key) ?? Number.NEGATIVE_INFINITY) < DEGRADED_ALERT_EVERY_MS) return;
      lastAlerted.set(key, now);
      void daemon.alerter.raise({
        kind: "amount_degraded",
        subject: key,
        message: `amount endpoint ${endpointId} answered without a computed amount (${code}): ${message}`,
        details: { endpoint: endpointId, code },
      });
    },
  });
  return {
    url: server.url,
    async close() {
      unsubscribe();
      await server.close();
      await audits.stop();
    },
  };
}
