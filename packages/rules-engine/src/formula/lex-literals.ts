/** Reading number and money literals, with the errors that explain malformed ones. */
import { parseMoney } from "@seqd/core";
import { isDigit, isNamePart } from "./chars.js";
import type { Lexer, Token } from "./lexer.js";
import { MAX_EXACT } from "./limits.js";

const WHOLE = /^\d+(?:_\d+)*$/;

/** A number literal starting at `start`: whole, `_`-grouped, within 2^53. */
export function lexNumber(lx: Lexer, start: number): Token {
  const source = lx.source;
  let end = lx.scanWhile(start, (c) => isDigit(c) || c === 95);
  if (source.charCodeAt(end) === 46 /* . */ && isDigit(source.charCodeAt(end + 1))) {
    end = lx.scanWhile(end + 1, (c) => isDigit(c) || c === 95);
    decimal(lx, source.slice(start, end), start, end);
  }
  if (end < source.length && (isNamePart(source.charCodeAt(end)) || source.charCodeAt(end) === 36)) {
    const wordEnd = lx.scanWhile(end, (c) => isNamePart(c) || c === 36);
    const text = source.slice(start, wordEnd);
    lx.fail(
      "INVALID_NUMBER",
      `"${text}" is not a number: numbers are whole and written in plain decimal digits`,
      start,
      wordEnd,
      "no hex, exponents or unit suffixes; money is written like $1_500",
    );
  }
  const text = source.slice(start, end);
  if (!WHOLE.test(text)) {
    lx.fail("INVALID_NUMBER", `"${text}" is not a number`, start, end, '"_" may only separate digits: 1_000');
  }
  const digits = text.replaceAll("_", "");
  if (BigInt(digits) > BigInt(MAX_EXACT)) {
    lx.fail(
      "LITERAL_OVERFLOW",
      `${text} is too large (the limit is ${MAX_EXACT})`,
      start,
      end,
      "numbers must stay below 2^53 to be exact",
    );
  }
  lx.offset = end;
  return { kind: "number", text, start, end, value: Number(digits) };
}

function decimal(lx: Lexer, text: string, start: number, end: number): never {
  const [whole = "", fraction = ""] = text.split(".");
  if (fraction.length <= 2 && !fraction.includes("_")) {
    const dollars = `$${whole}.${fraction.padEnd(2, "0")}`;
    lx.fail(
      "DECIMAL_NUMBER",
      `decimal number ${text}: amounts are integer cents; write ${dollars}`,
      start,
      end,
      "numbers are whole; for a share of an amount use pct(amount, percent) or round(amount * n / d)",
    );
  }
  lx.fail(
    "DECIMAL_NUMBER",
    `decimal number ${text}: numbers are whole and money has at most two decimals`,
    start,
    end,
    "for a share of an amount use pct(amount, percent) or round(amount * n / d)",
  );
}

/** A money literal starting at the `$`, converted to cents by core's parseMoney. */
export function lexMoney(lx: Lexer, start: number): Token {
  const source = lx.source;
  const first = source.charCodeAt(start + 1);
  if (!isDigit(first)) {
    // A look-alike digit (`$１00`) is best explained as the character it is.
    if (first >= 0x80) return lx.punct(start + 1, first);
    if (first === 45 /* - */) {
      lx.fail("INVALID_MONEY", '"$-" is not a money value', start, start + 2, "the minus goes first: -$5");
    }
    if (first === 46 /* . */ && isDigit(source.charCodeAt(start + 2))) {
      lx.fail("INVALID_MONEY", '"$." is not a money value', start, start + 2, "write cents like $0.50");
    }
    lx.fail(
      "INVALID_MONEY",
      '"$" must be followed by an amount',
      start,
      start + 1,
      "write dollars like $1_500 or $12.50",
    );
  }
  let end = lx.scanWhile(start + 1, (c) => isDigit(c) || c === 95);
  const wholeEnd = end;
  if (source.charCodeAt(end) === 46 /* . */) {
    end = lx.scanWhile(end + 1, (c) => isDigit(c) || c === 95);
  }
  if (end < source.length && (isNamePart(source.charCodeAt(end)) || source.charCodeAt(end) === 36)) {
    end = lx.scanWhile(end, (c) => isNamePart(c) || c === 36 || c === 46);
    lx.fail(
      "INVALID_MONEY",
      `"${source.slice(start, end)}" is not a money value`,
      start,
      end,
      "write dollars like $1_500 or $12.50",
    );
  }
  const text = source.slice(start, end);
  const whole = source.slice(start + 1, wholeEnd);
  const fraction = end > wholeEnd ? source.slice(wholeEnd + 1, end) : undefined;
  if (!WHOLE.test(whole)) {
    lx.fail(
      "INVALID_MONEY",
      `"${text}" is not a money value`,
      start,
      end,
      '"_" may only separate digits: $1_500',
    );
  }
  if (fraction !== undefined && !/^\d{1,2}$/.test(fraction)) {
    const hint =
      fraction.length === 0
        ? `write $${whole} or $${whole}.00`
        : "money has at most two decimals (cents), with no _ after the point";
    lx.fail("INVALID_MONEY", `"${text}" is not a money value`, start, end, hint);
  }
  commaGrouping(lx, text, start, end);
  const parsed = parseMoney(text);
  if (!parsed.ok) {
    // The shape was checked above, so the only refusal left is the range.
    lx.fail("LITERAL_OVERFLOW", parsed.message, start, end, "amounts must stay below 2^53 cents to be exact");
  }
  lx.offset = end;
  return { kind: "money", text, start, end, value: parsed.cents };
}

/** `$1,500` would silently read as two arguments `$1` and `500`. */
function commaGrouping(lx: Lexer, text: string, start: number, end: number): void {
  const source = lx.source;
  if (source.charCodeAt(end) !== 44 /* , */ || text.includes(".")) return;
  let digits = end + 1;
  while (isDigit(source.charCodeAt(digits))) digits++;
  if (digits - end - 1 !== 3) return;
  const written = source.slice(start, digits);
  lx.fail(
    "INVALID_MONEY",
    `"${written}": use "_" to group digits: ${written.replaceAll(",", "_")}`,
    start,
    digits,
    "if you meant two arguments, put a space after the comma",
  );
}
