import { describe, expect, it } from "vitest";
import type { SimAccount, TransferAction } from "../state/types.js";
import { FAILURE, localAmount, percentOf, settleAmount } from "./amounts.js";

const account = (balance: number, unavailable: string | null = null): SimAccount => ({
  id: "a",
  name: "A",
  type: "Pod",
  balance,
  unavailable,
});
const action = (amount: TransferAction["amount"]): TransferAction => ({
  from: "a",
  to: "b",
  amount,
  upToEnabled: false,
});

describe("percentOf", () => {
  it("rounds half away from zero, exactly", () => {
    expect(percentOf(1005, 1000)).toBe(101); // 10 % of $10.05 = 100.5 cents
    expect(percentOf(1004, 1000)).toBe(100);
    expect(percentOf(-1005, 1000)).toBe(-101);
    expect(percentOf(333, 1250)).toBe(42); // 12.5 % of 333 = 41.625
    expect(percentOf(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("localAmount", () => {
  it("computes fixed, percent of the source and top-up of the destination", () => {
    expect(localAmount(action({ kind: "fixed", cents: 2500 }), account(0), account(0))).toEqual({
      ok: true,
      cents: 2500,
    });
    expect(localAmount(action({ kind: "percent", basisPoints: 1000 }), account(123_456), account(0))).toEqual(
      {
        ok: true,
        cents: 12_346,
      },
    );
    expect(localAmount(action({ kind: "topUpTo", cents: 100_000 }), account(0), account(40_000))).toEqual({
      ok: true,
      cents: 60_000,
    });
  });

  it("gives 0 when there is nothing to move", () => {
    expect(localAmount(action({ kind: "topUpTo", cents: 100_000 }), account(0), account(150_000))).toEqual({
      ok: true,
      cents: 0,
    });
    expect(localAmount(action({ kind: "percent", basisPoints: 5000 }), account(-400), account(0))).toEqual({
      ok: true,
      cents: 0,
    });
  });

  it("fails NULL_BALANCE when the balance it needs cannot be read", () => {
    expect(
      localAmount(action({ kind: "percent", basisPoints: 10 }), account(5, "Connection failed"), account(0)),
    ).toMatchObject({ ok: false, code: FAILURE.nullBalance });
    expect(
      localAmount(action({ kind: "topUpTo", cents: 5 }), account(5), account(0, "Connection failed")),
    ).toMatchObject({ ok: false, code: FAILURE.nullBalance });
  });
});

describe("settleAmount", () => {
  it("skips 0, fails under $1, moves $1 and above", () => {
    expect(settleAmount(0, 10_000, false)).toEqual({ kind: "skip" });
    expect(settleAmount(99, 10_000, false)).toMatchObject({ kind: "fail", code: FAILURE.belowOneDollar });
    expect(settleAmount(100, 10_000, false)).toEqual({ kind: "transfer", cents: 100 });
  });

  it("fails INSUFFICIENT_FUNDS above the source balance unless upToEnabled", () => {
    expect(settleAmount(10_001, 10_000, false)).toMatchObject({
      kind: "fail",
      code: FAILURE.insufficientFunds,
    });
    expect(settleAmount(10_000, 10_000, false)).toEqual({ kind: "transfer", cents: 10_000 });
    expect(settleAmount(50_000, 10_000, true)).toEqual({ kind: "transfer", cents: 10_000 });
  });

  it("with upToEnabled, still fails on an empty source or a partial under $1", () => {
    expect(settleAmount(500, 0, true)).toMatchObject({ kind: "fail", code: FAILURE.insufficientFunds });
    expect(settleAmount(500, 40, true)).toMatchObject({ kind: "fail", code: FAILURE.belowOneDollar });
  });
});
