import type { Hono } from "hono";
import type { EventLog } from "../events.js";
import { json, LEGACY_ERRORS } from "./respond.js";
import { TRIGGER_PATHS } from "./trigger.js";

/** Legacy list paths a live probe saw answer 405 to GET (they only take POST). */
const PROBED_LIST_PATHS = ["/pods", "/rules", "/cards", "/transfers", "/transactions", "/webhooks"] as const;

/**
 * Wrong methods on known legacy paths → 405 (with `Allow: POST`); anything else → 404
 * route-not-found. Register after the real routes: Hono matches in order.
 */
export function registerFallbacks(app: Hono, events: EventLog): void {
  const methodNotAllowed = () => json(405, LEGACY_ERRORS.methodNotAllowed, { allow: "POST" });
  for (const path of ["/accounts", ...TRIGGER_PATHS]) app.all(path, methodNotAllowed);
  for (const path of PROBED_LIST_PATHS) app.get(path, methodNotAllowed);
  app.notFound(() => json(404, LEGACY_ERRORS.routeNotFound));
  app.onError((error, c) => {
    events.record({ type: "error", where: `${c.req.method} ${c.req.path}`, message: String(error) });
    return json(500, LEGACY_ERRORS.unexpected);
  });
}
