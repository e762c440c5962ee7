import { Secret } from "@seqd/core";
import type { AccountConfig } from "@seqd/rules-engine";
import { afterEach, describe, expect, it } from "vitest";
import { createBalanceBook } from "./balance-book.js";
import { createPoller, type Poller, type PollOutcome } from "./poller.js";
import { createHarness, type Harness, metricValue, SIM_STATE } from "./runtime-test-kit.js";
import { createStalenessWatch } from "./staleness-watch.js";

const pos = { file: "seqd.yaml", line: 1, col: 1 };
const ACCOUNTS = new Map<string, AccountConfig>([
  ["checking", { alias: "checking", match: { by: "id", id: "5579244" }, pos }],
  ["savings", { alias: "savings", match: { by: "name", name: "Savings Pod" }, pos }],
]);
const EVERY = 300_000;
const STALE_AFTER = 1_200_000;

let h: Harness;
let poller: Poller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  await h?.close();
});

function setup(options: { token?: string; accounts?: ReadonlyMap<string, AccountConfig> } = {}) {
  const accounts = options.accounts ?? ACCOUNTS;
  const book = createBalanceBook({
    accounts,
    staleAfterMs: STALE_AFTER,
    store: h.store,
    guard: h.guard,
    logger: h.logger,
  });
  const watch = createStalenessWatch({
    book,
    alerter: h.alerter,
    clock: h.clock,
    timers: h.timers,
    metrics: h.metrics,
    staleAfterMs: STALE_AFTER,
  });
  const outcomes: PollOutcome[] = [];
  poller = createPoller({
    client: h.client,
    token: new Secret(options.token ?? "access-tok-1"),
    accounts,
    everyMs: EVERY,
    staleAfterMs: STALE_AFTER,
    book,
    alerter: h.alerter,
    clock: h.clock,
    timers: h.timers,
    logger: h.logger,
    metrics: h.metrics,
    random: () => 0.5,
    afterPoll: async (outcome) => {
      outcomes.push(outcome);
      await watch.check();
    },
  });
  return { book, poller, outcomes, watch };
}

const openAlertKeys = async () => (await h.store.listOpenAlerts()).map((alert) => alert.key);

describe("poller", () => {
  it("maps accounts by id and by name, persists them, and counts the request", async () => {
    h = await createHarness();
    const { book, poller } = setup();
    const outcome = await poller.pollNow();
    expect(outcome.status).toBe("ok");
    expect(book.reading("checking")).toEqual({ status: "ok", cents: 250_000, at: h.clock.now() });
    expect(book.reading("savings")).toEqual({ status: "ok", cents: 1_000_000, at: h.clock.now() });
    const stored = await h.store.getBalances();
    expect([...stored.keys()]).toEqual(["id:5579244", "name:Savings Pod"]);
    expect(await metricValue(h.metrics.sequenceRequests, { op: "listAccounts", status: "2xx" })).toBe(1);
    expect(h.logs().find((line) => line["event"] === "account.bound")).toMatchObject({
      account: "savings",
      accountId: "5579245",
    });
  });

  it("a balance error and a missing account are unavailable; the last good value survives, never 0", async () => {
    h = await createHarness();
    const accounts = new Map([
      ...ACCOUNTS,
      ["gone", { alias: "gone", match: { by: "id", id: "404404" }, pos } as AccountConfig],
    ]);
    const { book, poller } = setup({ accounts });
    await poller.pollNow();
    const firstPoll = h.clock.now();
    h.clock.advance(EVERY);
    expect(h.sim.setBalances({ "5579244": { unavailable: "Connection failed" } })).toEqual({ ok: true });
    await poller.pollNow();
    expect(book.reading("checking")).toEqual({
      status: "unavailable",
      reason: "Connection failed",
      at: h.clock.now(),
    });
    expect(book.view("checking", h.clock.now())).toEqual({
      status: "unavailable",
      reason: "Connection failed",
      at: h.clock.now(),
      lastGood: { cents: 250_000, at: firstPoll },
    });
    expect(book.reading("gone")).toMatchObject({ status: "unavailable" });
    const stored = (await h.store.getBalances()).get("id:5579244");
    expect(stored?.lastGood).toEqual({ cents: 250_000, fetchedAt: firstPoll });
    expect(stored?.lastFailure).toEqual({ reason: "Connection failed", at: h.clock.now() });
    expect(
      h
        .logs()
        .filter((line) => line["event"] === "balance.unavailable")
        .map((l) => l["account"]),
    ).toEqual(["gone", "checking"]);
  });

  it("reads the old data.balances response shape", async () => {
    h = await createHarness({
      state: { ...SIM_STATE, faults: [{ route: "accounts", kind: "legacyShape" }] },
    });
    const { book, poller } = setup();
    await poller.pollNow();
    expect(book.reading("checking")).toMatchObject({ status: "ok", cents: 250_000 });
    expect(book.reading("savings")).toMatchObject({ status: "ok", cents: 1_000_000 });
  });

  it("retries a failed poll within the cycle (same cycle, short backoff)", async () => {
    h = await createHarness();
    h.sim.addFault({ route: "accounts", kind: "status", status: 503, times: 2 });
    const { book, poller } = setup();
    const outcome = await h.drive(poller.pollNow());
    expect(outcome.status).toBe("ok");
    expect(h.clock.now().toISOString()).toBe("2026-03-02T14:00:01.500Z");
    expect(book.reading("checking")).toMatchObject({ status: "ok" });
    expect(await metricValue(h.metrics.sequenceRequests, { op: "listAccounts", status: "503" })).toBe(2);
  });

  it("backs off across failed cycles and never writes a balance for them", async () => {
    h = await createHarness();
    const { book, poller, outcomes } = setup();
    await poller.pollNow();
    h.sim.addFault({ route: "accounts", kind: "status", status: 503 });
    poller.start();
    await h.driveUntil(() => outcomes.length === 2);
    expect(outcomes.map((o) => o.status)).toEqual(["ok", "failed"]);
    // 3 attempts (500 ms, then 1 s apart), then the next cycle waits 2 × every (capped at staleAfter / 2).
    expect(h.clock.now().toISOString()).toBe("2026-03-02T14:00:01.500Z");
    expect(h.timers.nextDueInMs()).toBe(600_000 + 2_500);
    await h.driveUntil(() => outcomes.length === 3);
    expect(h.timers.nextDueInMs()).toBe(600_000 + 2_500);
    expect(book.reading("checking")).toMatchObject({
      status: "ok",
      cents: 250_000,
      at: new Date("2026-03-02T14:00:00Z"),
    });
    expect(await metricValue(h.metrics.sequenceRequests, { op: "listAccounts", status: "503" })).toBe(6);
  });

  it("401: alerts (fix the token), slows to 15 min, and resolves once the new token works", async () => {
    h = await createHarness();
    const { poller, outcomes } = setup({ token: "revoked-token" });
    poller.start();
    await h.driveUntil(() => outcomes.length === 1);
    expect(outcomes[0]).toMatchObject({ status: "failed", unauthorized: true });
    expect(await openAlertKeys()).toContain("access_token_rejected");
    const [alert] = (await h.store.listOpenAlerts()).filter((a) => a.kind === "access_token_rejected");
    expect(alert?.message).toMatch(
      /^Sequence rejected the access token \(401 INVALID_ACCESS_TOKEN\): create a new one/,
    );
    expect(h.timers.nextDueInMs()).toBe(900_000 + 2_500);
    poller.configure({
      token: new Secret("access-tok-1"),
      accounts: ACCOUNTS,
      everyMs: EVERY,
      staleAfterMs: STALE_AFTER,
    });
    await h.driveUntil(() => outcomes.length === 2);
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "ok"]);
    expect(await openAlertKeys()).not.toContain("access_token_rejected");
    expect(h.timers.nextDueInMs()).toBe(EVERY + 2_500);
  });

  it("an ambiguous account name raises account_unresolved and leaves the alias unavailable", async () => {
    h = await createHarness({
      state: {
        ...SIM_STATE,
        accounts: [
          ...(SIM_STATE.accounts ?? []),
          { id: "5579246", name: "Savings Pod", type: "Pod", balance: "$1.00" },
        ],
      },
    });
    const { book, poller } = setup();
    await poller.pollNow();
    expect(book.reading("savings")).toMatchObject({ status: "unavailable" });
    const alert = (await h.store.listOpenAlerts()).find((a) => a.key === "account_unresolved:savings");
    expect(alert?.message).toBe(
      'account savings: several Sequence accounts are named "Savings Pod" (5579245, 5579246); it stays unavailable — match it by id: accounts.savings: { id: "…" }',
    );
  });

  it("stale after staleAfter without a good poll: alert and age metric; fresh again resolves it", async () => {
    h = await createHarness();
    const { poller, outcomes } = setup();
    poller.start();
    await h.driveUntil(() => outcomes.length === 1);
    h.sim.addFault({ route: "accounts", kind: "reset" });
    // Failed cycles at about +5 min and +15 min (backoff): balances 15 min old are not stale yet.
    await h.driveUntil(() => outcomes.length === 3);
    expect(h.clock.now().toISOString()).toBe("2026-03-02T14:15:08.000Z");
    expect(await openAlertKeys()).toEqual([]);
    // The cycle at +25 min finds them 25 min old: stale after 20 min.
    await h.driveUntil(() => outcomes.length === 4);
    expect(await openAlertKeys()).toEqual(["stale_balance:checking", "stale_balance:savings"]);
    const age = await metricValue(h.metrics.balanceAge, { account: "checking" });
    expect(age).toBeGreaterThan(STALE_AFTER / 1000);
    h.sim.clearFaults();
    const polls = outcomes.length;
    await h.driveUntil(() => outcomes.length === polls + 1);
    expect(outcomes.at(-1)?.status).toBe("ok");
    expect(await openAlertKeys()).toEqual([]);
    expect(await metricValue(h.metrics.balanceAge, { account: "checking" })).toBe(0);
  });
});
