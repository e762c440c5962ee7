import type { AccountConfig } from "@seqd/rules-engine";
import { afterEach, describe, expect, it } from "vitest";
import { balanceStoreKey, createBalanceBook } from "./balance-book.js";
import { createHarness, type Harness } from "./runtime-test-kit.js";

const pos = { file: "seqd.yaml", line: 1, col: 1 };
const checking: AccountConfig = { alias: "checking", match: { by: "id", id: "5579244" }, pos };
const savings: AccountConfig = { alias: "savings", match: { by: "name", name: "Savings Pod" }, pos };
const ACCOUNTS = new Map([
  ["checking", checking],
  ["savings", savings],
]);

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function book(accounts: ReadonlyMap<string, AccountConfig> = ACCOUNTS) {
  return createBalanceBook({
    accounts,
    staleAfterMs: 1_200_000,
    store: h.store,
    guard: h.guard,
    logger: h.logger,
  });
}

describe("balance book", () => {
  it("judges staleness when read: fresh up to staleAfter inclusive, then stale; unknown before any read", async () => {
    h = await createHarness();
    const b = book();
    const at = h.clock.now();
    await b.record([{ alias: "checking", status: "ok", cents: 250_000, accountId: "5579244" }], at);
    expect(b.view("savings", at)).toEqual({ status: "unknown" });
    expect(b.view("checking", new Date(at.getTime() + 1_200_000))).toEqual({
      status: "fresh",
      cents: 250_000,
      at,
      ageMs: 1_200_000,
    });
    expect(b.view("checking", new Date(at.getTime() + 1_200_001))).toMatchObject({
      status: "stale",
      cents: 250_000,
    });
    expect(b.reading("checking")).toEqual({ status: "ok", cents: 250_000, at });
  });

  it("a failed read shows as unavailable (never 0) until a good read is newer", async () => {
    h = await createHarness();
    const b = book();
    const t0 = h.clock.now();
    await b.record([{ alias: "checking", status: "ok", cents: 250_000, accountId: "5579244" }], t0);
    const t1 = new Date(t0.getTime() + 60_000);
    await b.record(
      [{ alias: "checking", status: "unavailable", reason: "Connection failed", accountId: "5579244" }],
      t1,
    );
    expect(b.reading("checking")).toEqual({ status: "unavailable", reason: "Connection failed", at: t1 });
    expect(b.lastGood("checking")).toEqual({ cents: 250_000, at: t0 });
    const t2 = new Date(t1.getTime() + 60_000);
    await b.record([{ alias: "checking", status: "ok", cents: 1, accountId: "5579244" }], t2);
    expect(b.reading("checking")).toEqual({ status: "ok", cents: 1, at: t2 });
    expect([...b.readings().keys()]).toEqual(["checking"]);
  });

  it("tells listeners after each poll", async () => {
    h = await createHarness();
    const b = book();
    const seen: string[][] = [];
    const off = b.onChange((change) => seen.push(change.aliases));
    await b.record([{ alias: "checking", status: "ok", cents: 5, accountId: "1" }], h.clock.now());
    off();
    await b.record([{ alias: "savings", status: "ok", cents: 6, accountId: "2" }], h.clock.now());
    expect(seen).toEqual([["checking"]]);
  });

  it("survives a restart through the store, keyed by the account match, not the alias", async () => {
    h = await createHarness();
    const at = h.clock.now();
    await book().record(
      [
        { alias: "checking", status: "ok", cents: 250_000, accountId: "5579244" },
        { alias: "savings", status: "unavailable", reason: "Connection failed", accountId: undefined },
      ],
      at,
    );
    // After a restart, with `checking` renamed to `main` and `savings` re-pointed by id.
    const renamed = new Map<string, AccountConfig>([
      ["main", { ...checking, alias: "main" }],
      ["savings", { alias: "savings", match: { by: "id", id: "5579245" }, pos }],
    ]);
    const reloaded = book(renamed);
    await reloaded.load();
    expect(reloaded.reading("main")).toEqual({ status: "ok", cents: 250_000, at });
    expect(reloaded.reading("savings")).toBeUndefined();
    expect(balanceStoreKey(savings)).toBe("name:Savings Pod");
  });

  it("configure forgets an alias whose account changed", async () => {
    h = await createHarness();
    const b = book();
    await b.record([{ alias: "checking", status: "ok", cents: 5, accountId: "5579244" }], h.clock.now());
    b.configure({ accounts: ACCOUNTS, staleAfterMs: 60_000 });
    expect(b.reading("checking")).toMatchObject({ cents: 5 });
    b.configure({
      accounts: new Map([["checking", { ...checking, match: { by: "id", id: "999" } }]]),
      staleAfterMs: 60_000,
    });
    expect(b.reading("checking")).toBeUndefined();
    expect(b.aliases()).toEqual(["checking"]);
  });
});
