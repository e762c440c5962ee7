/**
 * Money in seqd is always an integer number of cents (a safe integer).
 * Floats appear only at the edge, in Sequence's `amountInDollars`, and are
 * converted exactly through their shortest decimal representation.
 */
export type Cents = number;

export type MoneyParse = { ok: true; cents: Cents } | { ok: false; message: string; hint?: string };

const MONEY_LITERAL = /^(-)?\$(\d+(?:_\d+)*)(?:\.(\d{1,2}))?$/;

/**
 * Parses a money value as written in config: `$1_500.25`, `$1500`, `-$5`, or a
 * bare integer number of cents (`150000`).
 *
 * @example parseMoney("$1_500.25") // { ok: true, cents: 150025 }
 */
export function parseMoney(input: unknown): MoneyParse {
  if (typeof input === "number") {
    if (Number.isSafeInteger(input)) return { ok: true, cents: input };
    if (Number.isFinite(input) && !Number.isInteger(input)) {
      return {
        ok: false,
        message: `${input} is not a whole number of cents`,
        hint: `write dollars as a string with a "$": "$${input}"`,
      };
    }
    return { ok: false, message: `${input} is outside the range of exact cents` };
  }
  if (typeof input !== "string") {
    return { ok: false, message: `expected money ("$12.50" or integer cents), got ${describe(input)}` };
  }
  const text = input.trim();
  const match = MONEY_LITERAL.exec(text);
  if (!match) return { ok: false, ...explainBadMoney(text) };
  const [, minus, whole = "", fraction = ""] = match;
  const cents = BigInt(whole.replaceAll("_", "")) * 100n + BigInt(fraction.padEnd(2, "0"));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) {
    return {
      ok: false,
      message: `${text} is too large (the limit is ${formatMoney(Number.MAX_SAFE_INTEGER)})`,
    };
  }
  const value = Number(cents);
  return { ok: true, cents: minus && value !== 0 ? -value : value };
}

function explainBadMoney(text: string): { message: string; hint?: string } {
  const message = `"${text}" is not a money value`;
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return { message, hint: `write "$${text}" for dollars, or an unquoted integer for cents` };
  }
  if (/^-?\$[\d_]*\.\d{3,}$/.test(text)) return { message, hint: "money has at most two decimals (cents)" };
  if (/^-?\$[\d,]+(\.\d{1,2})?$/.test(text)) {
    return { message, hint: `use "_" to group digits: "${text.replaceAll(",", "_")}"` };
  }
  if (/^\d/.test(text) && text.endsWith("$"))
    return { message, hint: `the "$" goes first: "$${text.slice(0, -1)}"` };
  return { message, hint: 'write dollars like "$1_500.25" or "$12", or integer cents like 1250' };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${String(value)}`;
}

/**
 * Converts Sequence's float dollars to cents exactly, rounding half away from
 * zero on the decimal digits the float prints as (0.29 → 29, 1.005 → 101).
 * Returns null for non-finite values or results beyond safe integers.
 */
export function dollarsToCents(dollars: number): Cents | null {
  if (!Number.isFinite(dollars)) return null;
  const negative = dollars < 0;
  const [whole, fraction] = plainDecimal(Math.abs(dollars));
  const padded = fraction.padEnd(3, "0");
  let cents = BigInt(whole) * 100n + BigInt(padded.slice(0, 2));
  if (padded.charCodeAt(2) >= 53 /* "5" */) cents += 1n;
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(cents);
  return negative && value !== 0 ? -value : value;
}

/** The shortest round-trip decimal of a non-negative finite number, as [whole, fraction] digits. */
function plainDecimal(value: number): [string, string] {
  const text = String(value);
  const exponentAt = text.indexOf("e");
  if (exponentAt < 0) {
    const [whole = "0", fraction = ""] = text.split(".");
    return [whole, fraction];
  }
  const exponent = Number(text.slice(exponentAt + 1));
  const [lead = "0", rest = ""] = text.slice(0, exponentAt).split(".");
  const digits = lead + rest;
  const point = lead.length + exponent;
  if (point <= 0) return ["0", "0".repeat(-point) + digits];
  if (point >= digits.length) return [digits + "0".repeat(point - digits.length), ""];
  return [digits.slice(0, point), digits.slice(point)];
}

const groupedDollars = new Intl.NumberFormat("en-US", { useGrouping: true });

/** Human form: `$1,500.25`, `-$5.00`. */
export function formatMoney(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const fraction = String(abs % 100).padStart(2, "0");
  return `${sign}$${groupedDollars.format(Math.floor(abs / 100))}.${fraction}`;
}

/** Config form, parseable by `parseMoney`: `$1_500.25`, `$12`. */
export function formatMoneyLiteral(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
  const fraction = abs % 100;
  return `${sign}$${whole}${fraction === 0 ? "" : `.${String(fraction).padStart(2, "0")}`}`;
}
