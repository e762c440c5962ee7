import { isDigit, isNamePart, isNameStart, isSpace } from "./chars.js";
import { type FormulaError, type FormulaErrorCode, formulaError } from "./errors.js";
import { describeForeignChar } from "./foreign-chars.js";
import { lexMoney, lexNumber } from "./lex-literals.js";

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

/**
 * On-demand lexer: the parser pulls one token at a time, which lets it read the
 * argument of `balance(…)` as an account alias (aliases may contain `-`).
 */
export class Lexer {
  /** The next unread offset; the literal readers in lex-literals.ts advance it. */
  offset = 0;

  constructor(readonly source: string) {}

  /** The next token in expression context. */
  next(): Token {
    this.skipSpace();
    const start = this.offset;
    const source = this.source;
    if (start >= source.length) return { kind: "end", text: "", start, end: start };
    const code = source.charCodeAt(start);
    if (isDigit(code)) return lexNumber(this, start);
    if (code === 36 /* $ */) return lexMoney(this, start);
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

  /** The end of the run of characters from `from` that `accept` accepts. */
  scanWhile(from: number, accept: (code: number) => boolean): number {
    let end = from;
    while (end < this.source.length && accept(this.source.charCodeAt(end))) end++;
    return end;
  }

  /** Abandons lexing with a positioned error. */
  fail(code: FormulaErrorCode, message: string, start: number, end: number, hint?: string): never {
    throw new SyntaxAbort(formulaError(code, message, { start, end }, hint));
  }

  /** An operator or punctuation, or the error explaining a character that is neither. */
  punct(start: number, code: number): Token {
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
