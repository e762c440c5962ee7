import { parseMoney } from "@seqd/core";
import { type FormulaError, type FormulaErrorCode, formulaError } from "./errors.js";
import { describeForeignChar } from "./foreign-chars.js";
import { MAX_EXACT } from "./limits.js";

/** The operators and punctuation of the language. */
export type Punct =
  | "+"
  | "-"
  | "*"
  | "/"
  | "("
  | ")"
  | ","
  | "?"
  | ":"
  | "<"
  | "<="
  | ">"
  | ">="
  | "=="
  | "!="
  | "&&"
  | "||"
  | "!";

/** One token; `value` is the cents of a money literal or the value of a number. */
export type Token =
  | {
      readonly kind: "money" | "number";
      readonly text: string;
      readonly start: number;
      readonly end: number;
      readonly value: number;
    }
  | { readonly kind: "name"; readonly text: string; readonly start: number; readonly end: number }
  | AliasToken
  | { readonly kind: "punct"; readonly text: Punct; readonly start: number; readonly end: number }
  | { readonly kind: "end"; readonly text: ""; readonly start: number; readonly end: number };

/** The argument of `balance(…)`, read by {@link Lexer.alias}. */
export interface AliasToken {
  readonly kind: "alias";
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Thrown inside the lexer and parser to abandon parsing at the first syntax error. */
export class SyntaxAbort extends Error {
  constructor(readonly error: FormulaError) {
    super(error.message);
  }
}

const SINGLE: ReadonlyMap<string, Punct> = new Map<string, Punct>([
  ["+", "+"],
  ["-", "-"],
  ["*", "*"],
  ["/", "/"],
  ["(", "("],
  [")", ")"],
  [",", ","],
  ["?", "?"],
  [":", ":"],
]);

/** Hints for ASCII characters that are not part of the language. */
const STRAY_HINTS: ReadonlyMap<string, string> = new Map([
  ["%", "for a percentage use pct(amount, percent)"],
  ["^", "there is no power operator"],
  ['"', "there are no strings: write account aliases bare, e.g. balance(checking)"],
  ["'", "there are no strings: write account aliases bare, e.g. balance(checking)"],
  ["`", "there are no strings: write account aliases bare, e.g. balance(checking)"],
  [".", "there are no properties or methods; money with cents is written like $12.50"],
  ["#", "comments go in YAML, outside the formula"],
  [";", "a formula is a single expression"],
  ["[", "group with parentheses ( )"],
  ["]", "group with parentheses ( )"],
  ["{", "group with parentheses ( )"],
  ["}", "group with parentheses ( )"],
]);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isNameStart = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
const isNamePart = (code: number): boolean => isNameStart(code) || isDigit(code);
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

const WHOLE = /^\d+(?:_\d+)*$/;

/**
 * On-demand lexer: the parser pulls one token at a time, which lets it read the
 * argument of `balance(…)` as an account alias (aliases may contain `-`).
 */
export class Lexer {
  private offset = 0;

  constructor(private readonly source: string) {}

  /** The next token in expression context. */
  next(): Token {
    this.skipSpace();
    const start = this.offset;
    const source = this.source;
    if (start >= source.length) return { kind: "end", text: "", start, end: start };
    const code = source.charCodeAt(start);
    if (isDigit(code)) return this.number(start);
    if (code === 36 /* $ */) return this.money(start);
    if (isNameStart(code)) {
      const end = this.scanWhile(start, isNamePart);
      this.offset = end;
      return { kind: "name", text: source.slice(start, end), start, end };
    }
    return this.punct(start, code);
  }

  /**
   * The argument of `balance(`: one or more `[A-Za-z0-9_]` runs joined by
   * single `-`. Returns undefined (consuming nothing) when no alias starts here.
   */
  alias(): AliasToken | undefined {
    this.skipSpace();
    const start = this.offset;
    let end = this.scanWhile(start, isNamePart);
    if (end === start) return undefined;
    while (this.source.charCodeAt(end) === 45 /* - */ && isNamePart(this.source.charCodeAt(end + 1))) {
      end = this.scanWhile(end + 1, isNamePart);
    }
    this.offset = end;
    return { kind: "alias", text: this.source.slice(start, end), start, end };
  }

  private skipSpace(): void {
    while (this.offset < this.source.length && isSpace(this.source.charCodeAt(this.offset))) this.offset++;
  }

  private scanWhile(from: number, accept: (code: number) => boolean): number {
    let end = from;
    while (end < this.source.length && accept(this.source.charCodeAt(end))) end++;
    return end;
  }

  private fail(code: FormulaErrorCode, message: string, start: number, end: number, hint?: string): never {
    throw new SyntaxAbort(formulaError(code, message, { start, end }, hint));
  }

  private number(start: number): Token {
    const source = this.source;
    let end = this.scanWhile(start, (c) => isDigit(c) || c === 95);
    if (source.charCodeAt(end) === 46 /* . */ && isDigit(source.charCodeAt(end + 1))) {
      end = this.scanWhile(end + 1, (c) => isDigit(c) || c === 95);
      this.decimal(source.slice(start, end), start, end);
    }
    if (end < source.length && (isNamePart(source.charCodeAt(end)) || source.charCodeAt(end) === 36)) {
      const wordEnd = this.scanWhile(end, (c) => isNamePart(c) || c === 36);
      const text = source.slice(start, wordEnd);
      this.fail(
        "INVALID_NUMBER",
        `"${text}" is not a number: numbers are whole and written in plain decimal digits`,
        start,
        wordEnd,
        "no hex, exponents or unit suffixes; money is written like $1_500",
      );
    }
    const text = source.slice(start, end);
    if (!WHOLE.test(text)) {
      this.fail(
        "INVALID_NUMBER",
        `"${text}" is not a number`,
        start,
        end,
        '"_" may only separate digits: 1_000',
      );
    }
    const digits = text.replaceAll("_", "");
    if (BigInt(digits) > BigInt(MAX_EXACT)) {
      this.fail(
        "LITERAL_OVERFLOW",
        `${text} is too large (the limit is ${MAX_EXACT})`,
        start,
        end,
        "numbers must stay below 2^53 to be exact",
      );
    }
    this.offset = end;
    return { kind: "number", text, start, end, value: Number(digits) };
  }

  private decimal(text: string, start: number, end: number): never {
    const [whole = "", fraction = ""] = text.split(".");
    if (fraction.length <= 2 && !fraction.includes("_")) {
      const dollars = `$${whole}.${fraction.padEnd(2, "0")}`;
      this.fail(
        "DECIMAL_NUMBER",
        `decimal number ${text}: amounts are integer cents; write ${dollars}`,
        start,
        end,
        "numbers are whole; for a share of an amount use pct(amount, percent) or round(amount * n / d)",
      );
    }
    this.fail(
      "DECIMAL_NUMBER",
      `decimal number ${text}: numbers are whole and money has at most two decimals`,
      start,
      end,
      "for a share of an amount use pct(amount, percent) or round(amount * n / d)",
    );
  }

  private money(start: number): Token {
    const source = this.source;
    const first = source.charCodeAt(start + 1);
    if (!isDigit(first)) {
      // A look-alike digit (`$１00`) is best explained as the character it is.
      if (first >= 0x80) return this.punct(start + 1, first);
      if (first === 45 /* - */) {
        this.fail(
          "INVALID_MONEY",
          '"$-" is not a money value',
          start,
          start + 2,
          "the minus goes first: -$5",
        );
      }
      if (first === 46 /* . */ && isDigit(source.charCodeAt(start + 2))) {
        this.fail("INVALID_MONEY", '"$." is not a money value', start, start + 2, "write cents like $0.50");
      }
      this.fail(
        "INVALID_MONEY",
        '"$" must be followed by an amount',
        start,
        start + 1,
        "write dollars like $1_500 or $12.50",
      );
    }
    let end = this.scanWhile(start + 1, (c) => isDigit(c) || c === 95);
    const wholeEnd = end;
    if (source.charCodeAt(end) === 46 /* . */) {
      end = this.scanWhile(end + 1, (c) => isDigit(c) || c === 95);
    }
    if (end < source.length && (isNamePart(source.charCodeAt(end)) || source.charCodeAt(end) === 36)) {
      end = this.scanWhile(end, (c) => isNamePart(c) || c === 36 || c === 46);
      this.fail(
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
      this.fail(
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
      this.fail("INVALID_MONEY", `"${text}" is not a money value`, start, end, hint);
    }
    this.commaGrouping(text, start, end);
    const parsed = parseMoney(text);
    if (!parsed.ok) {
      // The shape was checked above, so the only refusal left is the range.
      this.fail(
        "LITERAL_OVERFLOW",
        parsed.message,
        start,
        end,
        "amounts must stay below 2^53 cents to be exact",
      );
    }
    this.offset = end;
    return { kind: "money", text, start, end, value: parsed.cents };
  }

  /** `$1,500` would silently read as two arguments `$1` and `500`. */
  private commaGrouping(text: string, start: number, end: number): void {
    const source = this.source;
    if (source.charCodeAt(end) !== 44 /* , */ || text.includes(".")) return;
    let digits = end + 1;
    while (isDigit(source.charCodeAt(digits))) digits++;
    if (digits - end - 1 !== 3) return;
    const written = source.slice(start, digits);
    this.fail(
      "INVALID_MONEY",
      `"${written}": use "_" to group digits: ${written.replaceAll(",", "_")}`,
      start,
      digits,
      "if you meant two arguments, put a space after the comma",
    );
  }

  private punct(start: number, code: number): Token {
    const source = this.source;
    const char = source[start] ?? "";
    const nextChar = source[start + 1];
    const single = SINGLE.get(char);
    if (single !== undefined) return this.emit(single, start, 1);
    switch (char) {
      case "<":
        return nextChar === "=" ? this.emit("<=", start, 2) : this.emit("<", start, 1);
      case ">":
        return nextChar === "=" ? this.emit(">=", start, 2) : this.emit(">", start, 1);
      case "!":
        return nextChar === "=" ? this.emit("!=", start, 2) : this.emit("!", start, 1);
      case "=":
        if (nextChar === "=") return this.emit("==", start, 2);
        if (nextChar === "<" || nextChar === ">") {
          this.fail(
            "UNEXPECTED_CHARACTER",
            `"=${nextChar}" is not an operator`,
            start,
            start + 2,
            `write ${nextChar}=`,
          );
        }
        this.fail("UNEXPECTED_CHARACTER", 'unexpected "="', start, start + 1, "compare with ==");
        break;
      case "&":
        if (nextChar === "&") return this.emit("&&", start, 2);
        this.fail("UNEXPECTED_CHARACTER", 'unexpected "&"', start, start + 1, "write && for and");
        break;
      case "|":
        if (nextChar === "|") return this.emit("||", start, 2);
        this.fail("UNEXPECTED_CHARACTER", 'unexpected "|"', start, start + 1, "write || for or");
        break;
    }
    if (code >= 0x80) {
      const foreign = describeForeignChar(source, start);
      this.fail("NON_ASCII_CHARACTER", foreign.message, start, start + foreign.length, foreign.hint);
    }
    if (code < 0x20 || code === 0x7f) {
      const unicode = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      this.fail("UNEXPECTED_CHARACTER", `control character ${unicode}`, start, start + 1, "delete it");
    }
    this.fail("UNEXPECTED_CHARACTER", `unexpected "${char}"`, start, start + 1, STRAY_HINTS.get(char));
  }

  private emit(text: Punct, start: number, length: number): Token {
    this.offset = start + length;
    return { kind: "punct", text, start, end: start + length };
  }
}
