import type { Context, Hono } from "hono";
import { EVENT_TYPES, type EventFilter, type SimEventType } from "../events.js";
import type { Simulator } from "../simulator.js";
import { json } from "./respond.js";

/** Addresses allowed to use `/__sim/*` (the API is unauthenticated). */
function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/**
 * The inspection/control API under `/__sim/`: events, state, faults, balances,
 * reset, drift ticks and waiting for rule executions to finish. Loopback only.
 */
export function registerControlRoutes(app: Hono, sim: Simulator): void {
  app.use("/__sim/*", async (c, next) => {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    // In-process requests (app.request) have no socket and are local by construction.
    if (incoming && !isLoopback(incoming.socket?.remoteAddress)) {
      return json(403, { error: "the /__sim/ API only answers loopback clients" });
    }
    await next();
    return undefined;
  });

  app.get("/__sim/events", (c) => {
    const filter = parseFilter(c);
    if (typeof filter === "string") return json(400, { error: filter });
    return json(200, { events: sim.events(filter) });
  });
  app.get("/__sim/state", (c) => json(200, sim.snapshot(), noCache(c)));
  app.get("/__sim/executions", () => json(200, { executions: sim.executions() }));
  app.get("/__sim/transfers", () => json(200, { transfers: sim.transfers() }));
  app.get("/__sim/settled", async () => {
    await sim.settled();
    return json(200, { pending: 0, executions: sim.executions().length });
  });

  app.get("/__sim/faults", () => json(200, { faults: sim.faults() }));
  app.post("/__sim/faults", async (c) => {
    const body = await readJson(c);
    if (body === undefined) return json(400, { error: 'expected a JSON fault or {"faults": [...]}' });
    const inputs = isRecord(body) && Array.isArray(body["faults"]) ? body["faults"] : [body];
    const result = sim.addFaults(inputs);
    return result.ok
      ? json(201, { faults: result.faults })
      : json(400, { error: "invalid fault", issues: result.issues });
  });
  app.delete("/__sim/faults", () => json(200, { removed: sim.clearFaults() }));
  app.delete("/__sim/faults/:id", (c) =>
    sim.removeFault(c.req.param("id")) ? json(200, { removed: 1 }) : json(404, { error: "no such fault" }),
  );

  app.post("/__sim/balances", async (c) => {
    const body = await readJson(c);
    if (!isRecord(body))
      return json(400, { error: 'expected {"<account id>": "$12.50" | cents | {balance?, unavailable?}}' });
    const result = sim.setBalances(body);
    return result.ok
      ? json(200, { accounts: sim.snapshot().accounts })
      : json(400, { error: "invalid balances", issues: result.issues });
  });

  app.post("/__sim/reset", async (c) => {
    const body = await readJson(c, true);
    if (body === undefined) return json(400, { error: 'expected no body or {"state": {...}}' });
    const state = isRecord(body) ? body["state"] : undefined;
    const result = await sim.reset(state);
    return result.ok
      ? json(200, sim.snapshot())
      : json(400, { error: "invalid state", issues: result.issues });
  });

  app.post("/__sim/tick", () => json(200, { drift: sim.tick() }));
}

function noCache(_c: Context): Record<string, string> {
  return { "cache-control": "no-store" };
}

function parseFilter(c: Context): EventFilter | string {
  const filter: EventFilter = {};
  const type = c.req.query("type");
  if (type !== undefined) {
    const types = type.split(",");
    const unknown = types.find((t) => !EVENT_TYPES.includes(t as SimEventType));
    if (unknown !== undefined) return `unknown event type "${unknown}" (known: ${EVENT_TYPES.join(", ")})`;
    filter.type = types as SimEventType[];
  }
  const ruleId = c.req.query("ruleId");
  if (ruleId !== undefined) filter.ruleId = ruleId;
  const outcome = c.req.query("outcome");
  if (outcome !== undefined) filter.outcome = outcome;
  const since = c.req.query("since");
  if (since !== undefined) {
    if (Number.isNaN(Date.parse(since))) return `"since" must be an ISO-8601 time, got "${since}"`;
    filter.since = since;
  }
  for (const name of ["after", "limit"] as const) {
    const text = c.req.query(name);
    if (text === undefined) continue;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0)
      return `"${name}" must be a whole number ≥ 0, got "${text}"`;
    filter[name] = value;
  }
  return filter;
}

async function readJson(c: Context, optional = false): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return optional ? {} : undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
