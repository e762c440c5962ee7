import { writeFile } from "node:fs/promises";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { parsePrometheusText } from "../http/prometheus-text.js";
import { configHead, createDaemonHarness, type DaemonHarness, TEST_ENV } from "./daemon-test-kit.js";
import { type ServingDaemon, serveDaemon } from "./serve.js";

// The whole daemon on its real port: amounts from the polled balances, reload through the admin
// route (good → new formula answers; bad → the old one keeps answering), /readyz, /metrics.

const ADMIN = "admin-token-distinctive-4c1d";
const env = { ...TEST_ENV, SEQD_ADMIN_TOKEN: ADMIN };

let h: DaemonHarness;
let serving: ServingDaemon | undefined;
afterEach(async () => {
  await serving?.close();
  serving = undefined;
  await h?.close();
});

function config(formula: string): string {
  return `server:
  listen: 127.0.0.1:0
  adminToken: { env: SEQD_ADMIN_TOKEN }
amounts:
  top-up:
    path: /amount/top-up
    token: { env: AMOUNT_TOKEN }
    formula: ${formula}
    max: $5_000
`;
}

/** The harness config with a `server:` that has an admin token, and this amount formula. */
function withFormula(formula: string, extra = ""): string {
  return (
    configHead(h.sim.url, h.storePath).replace(/server:\n {2}listen: .*\n/, "") + config(formula) + extra
  );
}

async function start(formula: string): Promise<string> {
  h = await createDaemonHarness();
  await writeFile(h.configPath, withFormula(formula));
  expect((await h.start({ env })).ok).toBe(true);
  serving = await serveDaemon(h.daemon, {
    clock: h.clock,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
  });
  return serving.url;
}

async function amount(url: string): Promise<{ status: number; body: unknown }> {
  const response = await request(`${url}/amount/top-up?token=${TEST_ENV.AMOUNT_TOKEN}`, {
    method: "POST",
    body: "{}",
  });
  return { status: response.statusCode, body: await response.body.json() };
}

async function admin(url: string, path: string, token = ADMIN): Promise<{ status: number; body: unknown }> {
  const response = await request(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.statusCode, body: await response.body.json() };
}

describe("the daemon's HTTP surface", () => {
  it("answers amounts from polled balances and reloads all or nothing through /admin/reload", async () => {
    const url = await start("$1_500 - balance(checking)");
    // Checking is $2,500 in the simulator: the formula is negative → onStale zero answers 0.
    h.sim.setBalances({ "5579244": "$1_000" });
    await h.daemon.pollNow();
    expect(await amount(url)).toEqual({ status: 200, body: { amountInCents: 50_000 } });

    await writeFile(h.configPath, withFormula("$2_000 - balance(checking)"));
    const good = await admin(url, "/admin/reload");
    expect(good.status).toBe(200);
    expect(await amount(url)).toEqual({ status: 200, body: { amountInCents: 100_000 } });

    await writeFile(h.configPath, withFormula("$2_000 - balance(chekcing)"));
    const bad = await admin(url, "/admin/reload");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/seqd\.yaml:\d+:\d+: error: .*chekcing/);
    expect(await amount(url)).toEqual({ status: 200, body: { amountInCents: 100_000 } });
    const metrics = await (await request(`${url}/metrics`)).body.text();
    const samples = parsePrometheusText(metrics);
    expect(samples.find((sample) => sample.name === "seqd_config_last_reload_successful")?.value).toBe(0);
    expect(samples.some((sample) => sample.name === "seqd_amount_requests_total")).toBe(true);
    expect((await admin(url, "/admin/reload", "wrong-admin-token")).status).toBe(401);
    // No secret reached the log, whichever way it travelled.
    for (const secret of [
      ADMIN,
      TEST_ENV.AMOUNT_TOKEN,
      TEST_ENV.SEQUENCE_ACCESS_TOKEN,
      TEST_ENV.SWEEP_SECRET,
    ]) {
      expect(h.logText()).not.toContain(secret);
    }
  });

  it("reports readiness from balances and fires a trigger through /admin/triggers/:id/fire", async () => {
    const url = await start("$100");
    const payday = 'triggers:\n  payday:\n    rule: sweep\n    schedule: { cron: "0 9 1 * *" }\n';
    await writeFile(h.configPath, withFormula("$100", payday));
    expect((await admin(url, "/admin/reload")).status).toBe(200);
    const ready = await request(`${url}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(JSON.stringify(await ready.body.json())).toContain("fresh");
    const fired = await admin(url, "/admin/triggers/payday/fire");
    expect(fired.status).toBe(200);
    expect(h.executions()).toHaveLength(1);
    expect((await admin(url, "/admin/triggers/nope/fire")).status).toBe(404);
    // Two minutes without a successful poll (staleAfter is 40 s): /readyz says so.
    h.sim.addFault({ kind: "status", status: 500, route: "accounts" });
    await h.driveTo(new Date(h.clock.now().getTime() + 120_000).toISOString());
    const stale = await request(`${url}/readyz`);
    expect(stale.statusCode).toBe(503);
    expect(JSON.stringify(await stale.body.json())).toMatch(/checking stale/);
  });
});
