import { Secret } from "@seqd/core";
import { openStore } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { createAlertWebhook } from "./alert-webhook.js";
import { createAlerter } from "./alerter.js";
import { createHarness, type Harness, metricValue, waitUntil } from "./runtime-test-kit.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

const TOKEN = "alert-token-zebra-41";
const LEAKED = "sk_live_leaked_value_9";

let h: Harness;
let receiver: WebhookReceiver;
afterEach(async () => {
  await h?.alerter.stop();
  await h?.close();
  await receiver?.close();
});

async function setup(repeatEveryMs = 3_600_000) {
  receiver = await startWebhookReceiver();
  // The harness creates the alerter; it needs the webhook, which needs the harness's timers.
  h = await createHarness({ repeatEveryMs });
  h.scrubber.setSecrets([TOKEN, LEAKED]);
  const webhook = createAlertWebhook({
    url: receiver.url,
    token: new Secret(TOKEN),
    timers: h.timers,
    random: () => 0.5,
    scrub: (text) => h.scrubber.scrub(text),
  });
  h.alerter.configure({ webhook, repeatEveryMs });
  return webhook;
}

const delivered = (n: number) => waitUntil(() => receiver.requests.length >= n, `${n} webhook requests`);

describe("alerter", () => {
  it("logs the alert and POSTs it as JSON with the bearer token", async () => {
    await setup();
    await h.alerter.raise({
      kind: "firing_failed",
      subject: "payday",
      message: "trigger payday refused after 1 attempt(s)",
      details: { triggerId: "payday", ruleId: "sweep", firingId: 7 },
    });
    await h.alerter.idle();
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/hooks/seqd?channel=ops");
    expect(request?.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(receiver.bodies()[0]).toEqual({
      source: "seqd",
      status: "firing",
      kind: "firing_failed",
      key: "firing_failed:payday",
      severity: "critical",
      summary: "firing failed",
      message: "trigger payday refused after 1 attempt(s)",
      details: { triggerId: "payday", ruleId: "sweep", firingId: 7 },
      firstSeenAt: "2026-03-02T14:00:00.000Z",
      lastSeenAt: "2026-03-02T14:00:00.000Z",
      count: 1,
    });
    expect(h.logs().find((line) => line["event"] === "alert")).toMatchObject({
      level: "error",
      kind: "firing_failed",
      key: "firing_failed:payday",
      severity: "critical",
      triggerId: "payday",
      ruleId: "sweep",
      msg: "trigger payday refused after 1 attempt(s)",
    });
    expect((await h.store.listOpenAlerts())[0]?.lastSentAt).toEqual(h.clock.now());
    expect(await metricValue(h.metrics.alertsOpen)).toBe(1);
  });

  it("the same open alert is re-sent at most once per repeatEvery", async () => {
    await setup(600_000);
    const raise = () =>
      h.alerter.raise({ kind: "firing_failed", subject: "payday", message: "failed again" });
    await raise();
    await h.alerter.idle();
    h.clock.advance(599_999);
    await raise();
    await h.alerter.idle();
    expect(receiver.requests).toHaveLength(1);
    h.clock.advance(1);
    await raise();
    await h.alerter.idle();
    expect(receiver.bodies().map((b) => b["count"])).toEqual([1, 3]);
  });

  it("the periodic flush repeats open conditions, but not one-off events", async () => {
    await setup(600_000);
    await h.alerter.raise({ kind: "stale_balance", subject: "checking", message: "stale" });
    await h.alerter.raise({ kind: "firing_failed", subject: "payday", message: "failed" });
    await h.alerter.idle();
    h.alerter.start();
    for (let step = 0; step < 10; step++) {
      h.timers.runNext();
      await h.alerter.idle();
    }
    expect(h.clock.now().toISOString()).toBe("2026-03-02T14:10:00.000Z");
    expect(receiver.bodies().map((b) => `${b["key"]} ${b["count"]}`)).toEqual([
      "stale_balance:checking 1",
      "firing_failed:payday 1",
      "stale_balance:checking 1",
    ]);
    expect(h.logs().filter((line) => line["event"] === "alert.repeat")).toHaveLength(1);
  });

  it("a resolved alert sends one resolved notice; resolving again sends nothing", async () => {
    await setup();
    await h.alerter.raise({ kind: "stale_balance", subject: "checking", message: "checking is stale" });
    await h.alerter.idle();
    h.clock.advance(60_000);
    await h.alerter.resolve("stale_balance", "checking", "checking is fresh again");
    await h.alerter.resolve("stale_balance", "checking");
    await h.alerter.idle();
    expect(receiver.bodies().map((b) => [b["status"], b["message"], b["resolvedAt"] ?? null])).toEqual([
      ["firing", "checking is stale", null],
      ["resolved", "checking is fresh again", "2026-03-02T14:01:00.000Z"],
    ]);
    expect(await h.store.listOpenAlerts()).toEqual([]);
  });

  it("an alert never delivered gets no resolved notice", async () => {
    await setup();
    h.alerter.configure({ webhook: undefined, repeatEveryMs: 3_600_000 });
    await h.alerter.raise({ kind: "clock_skew", message: "skewed" });
    await h.alerter.resolve("clock_skew");
    await h.alerter.idle();
    expect(receiver.requests).toEqual([]);
    expect(h.logs().map((line) => line["event"])).toEqual(["alert", "alert.resolved"]);
  });

  it("retries a failing webhook with backoff, then marks the alert sent", async () => {
    await setup();
    receiver.respondWith((n) => (n <= 2 ? 503 : 200));
    await h.alerter.raise({ kind: "store_unwritable", message: "disk full" });
    await delivered(1);
    await waitUntil(() => h.timers.pending() === 1, "backoff timer");
    expect(h.timers.nextDueInMs()).toBe(500);
    h.timers.runNext();
    await delivered(2);
    await waitUntil(() => h.timers.pending() === 1, "backoff timer");
    expect(h.timers.nextDueInMs()).toBe(1_000);
    h.timers.runNext();
    await h.alerter.idle();
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect((await h.store.listOpenAlerts())[0]?.lastSentAt).toEqual(h.clock.now());
  });

  it("a 4xx from the webhook is not retried; the next flush tries again", async () => {
    await setup();
    receiver.respondWith((n) => (n === 1 ? 400 : 200));
    await h.alerter.raise({ kind: "firing_failed", subject: "payday", message: "failed" });
    await h.alerter.idle();
    expect(h.timers.pending()).toBe(0);
    expect(h.logs().find((line) => line["event"] === "alert.delivery")).toMatchObject({
      level: "error",
      error: "HTTP 400",
      attempts: 1,
      webhook: receiver.url.slice(0, receiver.url.indexOf("/hooks")),
    });
    await h.alerter.flush();
    await h.alerter.idle();
    expect(receiver.requests).toHaveLength(2);
  });

  it("never puts a secret in the webhook body or the log", async () => {
    await setup();
    await h.alerter.raise({
      kind: "firing_failed",
      subject: "payday",
      message: `something quoted ${LEAKED} by mistake`,
      details: { leaked: LEAKED, secret: new Secret(LEAKED) },
    });
    await h.alerter.idle();
    expect(receiver.requests[0]?.body).not.toContain(LEAKED);
    expect(receiver.requests[0]?.body).not.toContain(TOKEN);
    expect(receiver.requests[0]?.body).toContain("<redacted>");
    expect(h.logText()).not.toContain(LEAKED);
    expect(h.logText()).not.toContain(TOKEN);
  });

  it("still alerts (log and webhook, deduplicated in memory) when the store cannot be written", async () => {
    receiver = await startWebhookReceiver();
    h = await createHarness();
    const readOnly = await openStore(h.storeUrl, { clock: h.clock, readOnly: true });
    try {
      const alerter = createAlerter({
        store: readOnly,
        clock: h.clock,
        timers: h.timers,
        logger: h.logger,
        metrics: h.metrics,
        repeatEveryMs: 3_600_000,
        webhook: createAlertWebhook({
          url: receiver.url,
          timers: h.timers,
          random: () => 0,
          scrub: (t) => t,
        }),
      });
      await alerter.raise({ kind: "store_unwritable", message: "read-only" });
      await alerter.idle();
      await alerter.raise({ kind: "store_unwritable", message: "read-only" });
      await alerter.idle();
      expect(receiver.bodies().map((b) => b["count"])).toEqual([1]);
      expect(receiver.requests[0]?.headers["authorization"]).toBeUndefined();
      await alerter.resolve("store_unwritable");
      await alerter.idle();
      expect(receiver.bodies().map((b) => b["status"])).toEqual(["firing", "resolved"]);
    } finally {
      await readOnly.close();
    }
  });
});
