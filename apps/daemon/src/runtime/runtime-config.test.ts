import { createFakeClock, Secret } from "@seqd/core";
import { loadConfig } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { dispatchRulesFromConfig } from "./dispatch-rules.js";
import { createFakeTimers } from "./fake-timers.js";
import { alerterConfigFromConfig, pollerConfigFromConfig } from "./runtime-config.js";

const TEXT = `version: 1
timezone: America/New_York
sequence:
  apiUrl: http://127.0.0.1:8790
  accessToken: { env: SEQ_TOKEN }
alerts:
  webhook: { url: "https://hooks.example.com/seqd/T0/B0?x=1", token: { env: ALERT_TOKEN } }
  repeatEvery: 30m
accounts:
  checking: { id: "5579244" }
polling: { every: 1m, staleAfter: 5m }
rules:
  sweep:
    url: http://127.0.0.1:8790/remote-api/rules/ru_sweep/trigger
    secret: { env: SWEEP_SECRET }
    minInterval: 2m
  topup:
    url: http://127.0.0.1:8790/remote-api/rules/ru_topup/trigger
    secret: { env: TOPUP_SECRET }
`;

function config(text = TEXT) {
  const loaded = loadConfig([{ path: "seqd.yaml", text }], { now: new Date("2026-03-02T14:00:00Z") });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.config;
}

const secrets = new Map([
  ["sequence.accessToken", new Secret("tok")],
  ["alerts.webhook.token", new Secret("hook")],
  ["rules.sweep.secret", new Secret("s1")],
]);

describe("runtime config adapters", () => {
  it("rules carry URL, resolved secret and minInterval; a rule without a resolved secret is left out", () => {
    const rules = dispatchRulesFromConfig(config(), secrets);
    expect([...rules.keys()]).toEqual(["sweep"]);
    expect(rules.get("sweep")).toMatchObject({
      id: "sweep",
      url: "http://127.0.0.1:8790/remote-api/rules/ru_sweep/trigger",
      minIntervalMs: 120_000,
    });
    expect(rules.get("sweep")?.secret.reveal()).toBe("s1");
  });

  it("alerts: the webhook (origin only for logs) and repeatEvery; defaults without the section", () => {
    const timers = createFakeTimers(createFakeClock());
    const deps = { timers, random: () => 0, scrub: (t: string) => t };
    const alerts = alerterConfigFromConfig(config(), secrets, deps);
    expect(alerts.repeatEveryMs).toBe(1_800_000);
    expect(alerts.webhook?.origin).toBe("https://hooks.example.com");
    expect(alerterConfigFromConfig(config("version: 1\n"), secrets, deps)).toEqual({
      webhook: undefined,
      repeatEveryMs: 3_600_000,
    });
  });

  it("polling: token, accounts and pace; nothing to poll without accounts or a token", () => {
    const poller = pollerConfigFromConfig(config(), secrets);
    expect(poller).toMatchObject({ everyMs: 60_000, staleAfterMs: 300_000 });
    expect([...(poller?.accounts.keys() ?? [])]).toEqual(["checking"]);
    expect(pollerConfigFromConfig(config(), new Map())).toBeUndefined();
    expect(pollerConfigFromConfig(config("version: 1\n"), secrets)).toBeUndefined();
  });
});
