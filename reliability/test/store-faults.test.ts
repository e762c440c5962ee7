import { mkdir } from "node:fs/promises";
import { Secret } from "@seqd/core";
import { compileRuntime, evaluateAmount, loadConfig } from "@seqd/rules-engine";
import { openStore, StoreError } from "@seqd/store";
import {
  createAlertWebhook,
  createHarness,
  createRealTimers,
  type Harness,
  recoverFirings,
  SIM_STATE,
  startWebhookReceiver,
  testDispatcher,
  testRules,
  type WebhookReceiver,
  waitUntil,
} from "seqd/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fileLeakSources, scanForSecrets, sqliteFiles } from "../src/leak-scan.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { bindMount, type Mount, mountTmpfs, probeMounts } from "../src/mounts.js";
import { createTally, writeTally } from "../src/report-table.js";
import {
  diskFull,
  lockedByAnother,
  readOnlyMount,
  type StoreFault,
} from "../src/store-faults/store-faults.js";
import { createTempDir, type TempDir } from "../src/temp-dir.js";

const RULE_SECRET = { label: "rule secret", value: "rulesecret-LEAKCANARY-x8d2k5m7p3q9w4" };
const WEBHOOK_TOKEN = { label: "webhook token", value: "hooktoken-LEAKCANARY-z6c1v8b3n5m2a7" };
const CANARIES = [RULE_SECRET, WEBHOOK_TOKEN];

const support = await probeMounts();
const mode = reliabilityMode();
const tally = createTally("store faults", mode);
const observedCodes = new Set<string>();
if (!support.ok) tally.note = `skipped: ${support.reason}`;

describe.skipIf(!support.ok)("store faults: fail closed, alert, lose nothing", () => {
  let tmp: TempDir;
  let mount: Mount | undefined;
  let receiver: WebhookReceiver;
  let h: Harness | undefined;
  beforeAll(async () => {
    tmp = await createTempDir();
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await mount?.unmount();
    mount = undefined;
    await receiver?.close();
  });
  afterAll(async () => {
    tally.note ??= [...observedCodes].join("; ");
    await writeTally(tally.tally());
    await tmp.remove();
  });

  /** A harness whose store lives on `dir`, rule secrets and webhook token set to canaries. */
  async function harnessOn(dir: string, busyTimeoutMs = 5_000): Promise<Harness> {
    receiver = await startWebhookReceiver();
    const webhook = createAlertWebhook({
      url: receiver.url,
      token: new Secret(WEBHOOK_TOKEN.value),
      timers: createRealTimers(),
      random: () => 0.5,
      // No scrubbing here: the payloads themselves must not carry secrets.
      scrub: (text) => text,
    });
    const rules = SIM_STATE.rules!.map((rule) =>
      rule.id === "ru_sweep" ? { ...rule, secret: RULE_SECRET.value } : rule,
    );
    return createHarness({
      state: { ...SIM_STATE, rules },
      storeDir: dir,
      sqlite: { busyTimeoutMs },
      webhook,
    });
  }

  /**
   * Claims firings while the store is healthy, injects the fault, dispatches them: none may reach
   * Sequence, an alert must go out. Heals, probes: recovery must send each exactly once.
   */
  async function faultThenHeal(harness: Harness, fault: StoreFault, firings: number): Promise<void> {
    const rules = testRules(harness, { sweep: { secret: new Secret(RULE_SECRET.value) } });
    const dispatcher = testDispatcher(harness, { rules });
    const recoveries: Promise<unknown>[] = [];
    harness.guard.onRecovered(() => {
      recoveries.push(
        recoverFirings({ ...harness, dispatcher, dryRun: false }).then((report) =>
          Promise.all(report.resumed.map((resumed) => resumed.result)),
        ),
      );
    });
    const claimed = [];
    for (let i = 0; i < firings; i++)
      claimed.push(await harness.claim({ triggerId: `payday-${i}`, ruleId: "sweep" }));
    await fault.inject();
    tally.faultsInjected += 1;
    for (const firing of claimed) {
      // Awaited directly: a lock wait runs on real timers, and fail-closed needs no fake ones.
      const result = await dispatcher.dispatch(firing);
      tally.iterations += 1;
      // Fail closed: no durable `sent`, no call.
      expect(result).toMatchObject({ status: "left" });
    }
    expect(harness.triggers()).toEqual([]);
    expect(harness.guard.healthy()).toBe(false);
    await waitUntil(() => receiver.bodies().some((body) => body["kind"] === "store_unwritable"), "the alert");
    const notice = receiver.bodies().find((body) => body["kind"] === "store_unwritable");
    observedCodes.add(
      `${fault.name} → ${String((notice?.["details"] as { code?: string } | undefined)?.code)}`,
    );
    expect(
      harness.logs().some((line) => line["event"] === "alert" && line["kind"] === "store_unwritable"),
    ).toBe(true);

    // Amounts are still answered from the runtime and the cached balances.
    expect(amountWhileFaulted()).toEqual({ ok: true, cents: 50_000 });

    await fault.heal();
    expect(await harness.guard.probe()).toBe(true);
    await harness.drive(Promise.all(recoveries));
    const keys = harness.triggers().map((event) => event.idempotencyKey);
    const duplicates = keys.length - new Set(keys).size;
    const lost = claimed.filter((firing) => !keys.includes(firing.idempotencyKey)).length;
    tally.duplicates += duplicates;
    tally.losses += lost;
    expect({ duplicates, lost, sent: keys.length }).toEqual({ duplicates: 0, lost: 0, sent: firings });
    for (const firing of claimed) expect((await harness.store.getFiring(firing.id))?.status).toBe("accepted");
    await expectNoLeaks(harness);
  }

  async function expectNoLeaks(harness: Harness): Promise<void> {
    await harness.alerter.idle();
    const sources = [
      { name: "log", content: harness.logText() },
      { name: "metrics", content: await harness.metrics.registry.metrics() },
      ...receiver.requests.map((request, i) => ({ name: `webhook body ${i}`, content: request.body })),
      ...(await fileLeakSources(sqliteFiles(harness.storeUrl.slice("sqlite:".length)))),
    ];
    const hits = scanForSecrets(CANARIES, sources);
    tally.leaks += hits.length;
    expect(hits).toEqual([]);
  }

  const firings = byMode({ short: 3, long: 25 }, mode);

  it("read-only bind mount: the store refuses to open with a typed error, so nothing can be claimed", async () => {
    // Linux refuses to remount a mount read-only while SQLite holds a file open for writing
    // (EBUSY), so the read-only fault is the one a restart meets: a store on a read-only mount.
    const dir = tmp.join("ro-source");
    await mkdir(dir, { recursive: true });
    const first = await openStore(`sqlite:${dir}/seqd.db`);
    await first.close();
    mount = await bindMount(dir);
    await readOnlyMount(mount).inject();
    tally.faultsInjected += 1;
    tally.iterations += 1;
    const opened = openStore(`sqlite:${mount.path}/seqd.db`);
    await expect(opened).rejects.toBeInstanceOf(StoreError);
    await expect(opened).rejects.toMatchObject({
      code: expect.stringMatching(/^(READ_ONLY|UNAVAILABLE|IO)$/),
    });
  });

  it("full disk under the store (a small tmpfs filled to ENOSPC)", async () => {
    mount = await mountTmpfs({ sizeBytes: 4 * 1024 * 1024 });
    h = await harnessOn(mount.path);
    await faultThenHeal(h, diskFull(mount, `${mount.path}/seqd.db`), firings);
  });

  it("database locked by another connection's exclusive transaction", async () => {
    const dir = tmp.join("locked");
    await mkdir(dir, { recursive: true });
    h = await harnessOn(dir, 100);
    await faultThenHeal(h, lockedByAnother(`${dir}/seqd.db`), firings);
  });
});

/** The top-up amount as the endpoint computes it: from the runtime, no store involved. */
function amountWhileFaulted(): { ok: boolean; cents?: number } {
  const now = new Date("2026-03-02T14:00:00Z");
  const text = `version: 1
sequence: { accessToken: { env: T } }
accounts: { checking: { id: "5579244" } }
amounts:
  top-up: { path: /amount/top-up, token: { env: T }, formula: "clamp($3_000 - balance(checking), $0, $1_000)", max: $1_000 }
`;
  const loaded = loadConfig([{ path: "amounts.yaml", text }], { now });
  if (!loaded.ok) throw new Error(loaded.issues.map((issue) => issue.message).join("\n"));
  const answer = evaluateAmount(
    compileRuntime(loaded.config),
    "top-up",
    new Map([["checking", { status: "ok", cents: 250_000, at: now }]]),
    now,
  );
  return answer.ok ? { ok: true, cents: answer.cents } : { ok: false };
}
