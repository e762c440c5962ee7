import { describe, expect, it } from "vitest";
import { dollarsToCents, formatMoney, formatMoneyLiteral, parseMoney } from "./money.js";

describe("parseMoney", () => {
  it.each([
    ["$1_500.25", 150025],
    ["$1500", 150000],
    ["$0.25", 25],
    ["$12.5", 1250],
    ["$0", 0],
    ["-$5", -500],
    ["-$0", 0],
    ["  $7 ", 700],
    [150000, 150000],
    [0, 0],
    [-250, -250],
  ])("%j → %i cents", (input, cents) => {
    expect(parseMoney(input)).toEqual({ ok: true, cents });
  });

  it.each([
    ["$1,500", 'use "_" to group digits: "$1_500"'],
    ["12.50", 'write "$12.50" for dollars, or an unquoted integer for cents'],
    ["$1.005", "money has at most two decimals (cents)"],
    ["50$", 'the "$" goes first: "$50"'],
    ["lots", 'write dollars like "$1_500.25" or "$12", or integer cents like 1250'],
  ])("rejects %j with a hint", (input, hint) => {
    const result = parseMoney(input);
    expect(result).toMatchObject({ ok: false, hint });
  });

  it("rejects fractional numbers as cents and suggests dollars", () => {
    expect(parseMoney(12.5)).toEqual({
      ok: false,
      message: "12.5 is not a whole number of cents",
      hint: 'write dollars as a string with a "$": "$12.5"',
    });
  });

  it("rejects values beyond exact integers", () => {
    expect(parseMoney(2 ** 60).ok).toBe(false);
    expect(parseMoney("$90_071_992_547_409.92").ok).toBe(false);
    expect(parseMoney("$90_071_992_547_409.91")).toEqual({ ok: true, cents: Number.MAX_SAFE_INTEGER });
  });

  it("rejects non-scalars", () => {
    expect(parseMoney(null)).toMatchObject({ ok: false, message: expect.stringContaining("null") });
    expect(parseMoney({ a: 1 })).toMatchObject({ ok: false, message: expect.stringContaining("mapping") });
    expect(parseMoney("$1__0").ok).toBe(false);
    expect(parseMoney("$_1").ok).toBe(false);
  });
});

describe("dollarsToCents", () => {
  it.each([
    [0.29, 29],
    [25342.77, 2534277],
    [10200.5, 1020050],
    [137.9, 13790],
    [1.005, 101],
    [0.015, 2],
    [-0.29, -29],
    [-1.005, -101],
    [0, 0],
    [1e-7, 0],
    [5e-3, 1],
    [1e21, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])("%d → %j", (dollars, cents) => {
    expect(dollarsToCents(dollars)).toBe(cents);
  });

  it("agrees with exact decimal arithmetic on every two-decimal amount up to $2,000", () => {
    for (let cents = 0; cents <= 200_000; cents += 1) {
      const dollars = Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);
      if (dollarsToCents(dollars) !== cents) throw new Error(`${dollars} → ${dollarsToCents(dollars)}`);
    }
  });
});

describe("formatting", () => {
  it("formats for humans", () => {
    expect(formatMoney(150025)).toBe("$1,500.25");
    expect(formatMoney(-500)).toBe("-$5.00");
    expect(formatMoney(7)).toBe("$0.07");
  });

  it("formats config literals that parse back to the same cents", () => {
    for (const cents of [0, 7, 100, 150025, 123456789, -500, Number.MAX_SAFE_INTEGER]) {
      expect(parseMoney(formatMoneyLiteral(cents))).toEqual({ ok: true, cents });
    }
    expect(formatMoneyLiteral(150000)).toBe("$1_500");
    expect(formatMoneyLiteral(150025)).toBe("$1_500.25");
  });
});
