import { describe, expect, it } from "vitest";
import { type AccountsParse, parseAccountsBody, readBalance } from "./accounts.js";

function ok(parse: AccountsParse) {
  if (!parse.ok) throw new Error(`expected a parse, got: ${parse.reason}`);
  return parse;
}

const current = {
  message: "OK",
  requestId: "f1a2b3c4",
  data: {
    accounts: [
      {
        id: "5579244",
        name: "Main Operating Pod",
        balance: { amountInDollars: 25342.77, error: null },
        type: "Pod",
      },
      {
        id: "5579245",
        name: "Client Payments Account",
        balance: { amountInDollars: 10200.5, error: null },
        type: "Income Source",
      },
      {
        id: "QDBZQjj1lohgeqVWJlnmf5lA4g83ZGCwl3Qx4",
        name: "Chase Credit Card",
        balance: { amountInDollars: null, error: "Connection failed" },
        type: "Account",
      },
    ],
    errors: [],
  },
};

describe("parseAccountsBody", () => {
  it("reads the current data.accounts shape into exact cents", () => {
    expect(ok(parseAccountsBody(current))).toEqual({
      ok: true,
      requestId: "f1a2b3c4",
      shape: "accounts",
      accounts: [
        { id: "5579244", name: "Main Operating Pod", type: "Pod", balance: { ok: true, cents: 2_534_277 } },
        {
          id: "5579245",
          name: "Client Payments Account",
          type: "Income Source",
          balance: { ok: true, cents: 1_020_050 },
        },
        {
          id: "QDBZQjj1lohgeqVWJlnmf5lA4g83ZGCwl3Qx4",
          name: "Chase Credit Card",
          type: "Account",
          balance: { ok: false, error: "Connection failed" },
        },
      ],
    });
  });

  it("reads the older data.balances shape with bare numbers and numeric ids", () => {
    const parsed = ok(
      parseAccountsBody({
        data: {
          balances: [
            { id: 5579244, name: "Checking", type: "Pod", balance: 1500.25 },
            { id: "77", name: "Savings", type: "Pod", balance: 0 },
          ],
        },
      }),
    );
    expect(parsed.shape).toBe("balances");
    expect(parsed.requestId).toBeUndefined();
    expect(parsed.accounts).toEqual([
      { id: "5579244", name: "Checking", type: "Pod", balance: { ok: true, cents: 150_025 } },
      { id: "77", name: "Savings", type: "Pod", balance: { ok: true, cents: 0 } },
    ]);
  });

  it("prefers data.accounts when both lists are present", () => {
    const parsed = ok(parseAccountsBody({ data: { accounts: [], balances: [{ id: "1", balance: 1 }] } }));
    expect(parsed).toMatchObject({ shape: "accounts", accounts: [] });
  });

  it("passes unknown account types through and tolerates a missing name or type", () => {
    const parsed = ok(
      parseAccountsBody({ data: { accounts: [{ id: "9", type: "Liability", balance: -12.5 }] } }),
    );
    expect(parsed.accounts).toEqual([
      { id: "9", name: "", type: "Liability", balance: { ok: true, cents: -1250 } },
    ]);
  });

  it.each([
    [null, "the body is not a JSON object"],
    [[], "the body is not a JSON object"],
    [{ message: "OK" }, "the body has no data object"],
    [{ data: { items: [] } }, "the body has neither data.accounts nor data.balances"],
    [{ data: { accounts: "none" } }, "the body has neither data.accounts nor data.balances"],
    [{ data: { accounts: [7] } }, "data.accounts[0] is not an object"],
    [{ data: { accounts: [{ name: "x" }] } }, "data.accounts[0] has no usable id"],
    [{ data: { balances: [{ id: "1" }, { id: 1.5 }] } }, "data.balances[1] has no usable id"],
    [{ data: { accounts: [{ id: "  " }] } }, "data.accounts[0] has no usable id"],
    [{ data: { accounts: [{ id: 2 ** 53 }] } }, "data.accounts[0] has no usable id"],
    [{ data: { accounts: [{ id: "1" }, { id: 1 }] } }, 'data.accounts[1] repeats account id "1"'],
  ])("rejects a body it cannot trust: %j", (body, reason) => {
    expect(parseAccountsBody(body)).toEqual({ ok: false, reason });
  });
});

describe("readBalance", () => {
  it.each([
    [25342.77, 2_534_277],
    [0.29, 29],
    [1.005, 101],
    [0.1 + 0.2, 30],
    [-0.01, -1],
    [-0, 0],
    [1e-7, 0],
    [90071992547409.9, 9_007_199_254_740_990],
  ])("converts %s dollars to %i cents exactly", (dollars, cents) => {
    expect(readBalance({ amountInDollars: dollars, error: null })).toEqual({ ok: true, cents });
    expect(readBalance(dollars)).toEqual({ ok: true, cents });
  });

  it("never turns a missing or failed balance into 0", () => {
    const cases: Array<[unknown, string]> = [
      [{ amountInDollars: null, error: "Connection failed" }, "Connection failed"],
      [{ amountInDollars: 10, error: "Stale data" }, "Stale data"],
      [{ amountInDollars: null, error: null }, "Sequence sent no amount for this balance"],
      [{ error: null }, "Sequence sent no amount for this balance"],
      [{ amountInDollars: "12.00", error: null }, "Sequence sent amountInDollars as string, not a number"],
      [{ amountInDollars: 0, error: { code: "PLAID_ERROR" } }, '{"code":"PLAID_ERROR"}'],
      [{ amountInDollars: 0, error: "" }, "Sequence reported a balance error without text"],
      [null, "Sequence sent no balance"],
      [undefined, "Sequence sent no balance"],
      ["12.00", "Sequence sent a balance of unexpected type string"],
      [Number.POSITIVE_INFINITY, "Sequence sent an amount outside the range of exact cents: Infinity"],
      [
        { amountInDollars: 1e300, error: null },
        "Sequence sent an amount outside the range of exact cents: 1e+300",
      ],
    ];
    for (const [value, error] of cases) expect(readBalance(value)).toEqual({ ok: false, error });
  });

  it("keeps Sequence's error text on one line", () => {
    expect(readBalance({ amountInDollars: null, error: "Login\nrequired " })).toEqual({
      ok: false,
      error: "Login required",
    });
  });
});
