import type { AccountReading } from "@seqd/core";
import type { AccountConfig } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { mapAccounts } from "./account-mapping.js";

const pos = { file: "seqd.yaml", line: 1, col: 1 };
const byId = (alias: string, id: string): AccountConfig => ({ alias, match: { by: "id", id }, pos });
const byName = (alias: string, name: string): AccountConfig => ({ alias, match: { by: "name", name }, pos });
const account = (id: string, name: string, cents: number | string): AccountReading => ({
  id,
  name,
  type: "Pod",
  balance: typeof cents === "number" ? { ok: true, cents } : { ok: false, error: cents },
});

describe("mapAccounts", () => {
  const accounts = [
    account("1", "Checking", 250_000),
    account("2", "Savings Pod", 1_000_029),
    account("3", "Bills", "Connection failed"),
    account("4", "Twin", 1),
    account("5", "Twin", 2),
  ];

  it("reads aliases by id and binds names on first sight", () => {
    const result = mapAccounts(
      [byId("checking", "1"), byName("savings", "Savings Pod")],
      accounts,
      new Map(),
    );
    expect(result).toEqual({
      readings: [
        { alias: "checking", status: "ok", cents: 250_000, accountId: "1" },
        { alias: "savings", status: "ok", cents: 1_000_029, accountId: "2" },
      ],
      bound: new Map([["savings", "2"]]),
      problems: [],
    });
  });

  it("keeps a bound name on its id after the account is renamed", () => {
    const renamed = accounts.map((a) => (a.id === "2" ? { ...a, name: "Rainy Day" } : a));
    const result = mapAccounts([byName("savings", "Savings Pod")], renamed, new Map([["savings", "2"]]));
    expect(result.readings).toEqual([{ alias: "savings", status: "ok", cents: 1_000_029, accountId: "2" }]);
    expect(result.problems).toEqual([]);
  });

  it("a balance Sequence could not read, or an account missing from the answer, is unavailable — never 0", () => {
    const result = mapAccounts([byId("bills", "3"), byId("gone", "99")], accounts, new Map());
    expect(result.readings).toEqual([
      { alias: "bills", status: "unavailable", reason: "Connection failed", accountId: "3" },
      {
        alias: "gone",
        status: "unavailable",
        reason: "account 99 is not in Sequence's answer (deleted, or not visible to this access token)",
        accountId: "99",
      },
    ]);
  });

  it("a missing or ambiguous name is a problem and leaves the alias unavailable", () => {
    const result = mapAccounts([byName("twin", "Twin"), byName("nope", "Nope")], accounts, new Map());
    expect(result.problems).toEqual([
      { alias: "twin", name: "Twin", problem: "ambiguous", candidates: ["4", "5"] },
      { alias: "nope", name: "Nope", problem: "missing", candidates: [] },
    ]);
    expect(result.readings.map((r) => r.status)).toEqual(["unavailable", "unavailable"]);
    expect(result.readings[0]).toMatchObject({
      reason: '2 Sequence accounts are named "Twin" (ids 4, 5): match this alias by id',
    });
    expect(result.bound.size).toBe(0);
  });
});
