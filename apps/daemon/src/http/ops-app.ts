import type { Context } from "hono";
import { Hono } from "hono";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import { bearerToken, secretDigest, tokenMatches } from "./constant-time.js";
import type { AdminHooks, FireOutcome, ReadyReport } from "./contract.js";

/** Options of {@link createOpsApp}. */
export interface OpsAppOptions {
  logger: Logger;
  metrics: Metrics;
  ready: () => ReadyReport;
  /** Read per request: admin routes exist only while this returns hooks. */
  admin: () => AdminHooks | undefined;
}

type ErrorStatus = 401 | 404 | 409 | 422 | 500 | 503;

function errorBody(c: Context, status: ErrorStatus, code: string, message: string, extra: object = {}) {
  return c.json({ error: { code, message, ...extra } }, status);
}

/**
 * Everything on the daemon's port that is not an amount endpoint: `/healthz`, `/readyz`,
 * `/metrics` and, while a config with `server.adminToken` runs, `/admin/*` behind a bearer
 * token. Every error is JSON `{ error: { code, message } }`.
 *
 * @example
 * const app = createOpsApp({ logger, metrics, ready: () => daemon.ready(), admin: () => daemon.admin() });
 * await app.request("/readyz"); // 200 or 503 with the ReadyReport
 */
export function createOpsApp(options: OpsAppOptions): Hono {
  const { logger, metrics } = options;
  const app = new Hono();

  app.get("/healthz", (c) => c.json({ ok: true }));

  app.get("/readyz", (c) => {
    const report = options.ready();
    return c.json(report, report.ready ? 200 : 503);
  });

  app.get("/metrics", async (c) => {
    const text = await metrics.registry.metrics();
    return c.body(text, 200, { "content-type": metrics.registry.contentType });
  });

  /** The hooks when the caller holds the admin token; otherwise the response to send. */
  function authorizeAdmin(c: Context): AdminHooks | Response {
    const hooks = options.admin();
    if (hooks === undefined) return errorBody(c, 404, "not_found", `no route ${c.req.method} ${c.req.path}`);
    const given = bearerToken(c.req.header("authorization"));
    // Compare even when no token was sent, so a missing token answers no faster than a wrong one.
    const matched = tokenMatches(given ?? "", secretDigest(hooks.token));
    if (given === undefined || !matched) {
      logger.warn({ event: "admin.unauthorized", path: c.req.path }, "admin request without a valid token");
      return errorBody(
        c,
        401,
        "unauthorized",
        "missing or wrong admin token (Authorization: Bearer <token>)",
      );
    }
    return hooks;
  }

  app.post("/admin/reload", async (c) => {
    const hooks = authorizeAdmin(c);
    if (hooks instanceof Response) return hooks;
    const outcome = await hooks.reload();
    logger.info({ event: "admin.reload", ok: outcome.ok }, outcome.message);
    if (outcome.ok) return c.json(outcome, 200);
    return errorBody(c, 422, "reload_refused", outcome.message, { errors: outcome.errors });
  });

  app.post("/admin/triggers/:id/fire", async (c) => {
    const hooks = authorizeAdmin(c);
    if (hooks instanceof Response) return hooks;
    const outcome = await hooks.fire(c.req.param("id"));
    logger.info({ event: "admin.fire", triggerId: c.req.param("id"), kind: outcome.kind }, outcome.message);
    return fireResponse(c, outcome);
  });

  app.notFound((c) => errorBody(c, 404, "not_found", `no route ${c.req.method} ${c.req.path}`));

  app.onError((error, c) => {
    logger.error({ event: "http.error", path: c.req.path, err: error }, "request failed");
    return errorBody(c, 500, "internal", "the request failed; see the daemon log");
  });

  return app;
}

function fireResponse(c: Context, outcome: FireOutcome) {
  switch (outcome.kind) {
    case "fired":
      return c.json(outcome, 200);
    case "skipped":
      return errorBody(c, 409, "skipped", outcome.message, { reason: outcome.reason });
    case "unknown_trigger":
      return errorBody(c, 404, "unknown_trigger", outcome.message);
    case "refused":
      return errorBody(c, 503, "refused", outcome.message);
  }
}
