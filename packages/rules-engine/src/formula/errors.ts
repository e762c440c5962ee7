/**
 * Why a formula was refused at load time. Closed table: the value is the
 * one-line meaning documented in docs/formulas.md.
 */
export const FORMULA_ERROR_CODES = {
  EMPTY_FORMULA: "the formula is empty",
  SOURCE_TOO_LONG: "the formula is longer than the source limit",
  NESTING_TOO_DEEP: "parentheses, calls or operators nest deeper than the limit",
  TOO_MANY_NODES: "the formula has more values and operators than the limit",
  UNEXPECTED_CHARACTER: "a character that is not part of the language",
  NON_ASCII_CHARACTER: "a non-ASCII character (look-alike letter, fullwidth digit, invisible space…)",
  DECIMAL_NUMBER: "a decimal number without $ (numbers are whole; money is $…)",
  INVALID_NUMBER: "a malformed number (hex, exponent, misplaced _ …)",
  INVALID_MONEY: "a malformed $ literal",
  LITERAL_OVERFLOW: "a literal beyond the exact range (±2^53 − 1)",
  UNEXPECTED_TOKEN: "a token where it cannot stand",
  UNEXPECTED_END: "the formula ends too early",
  UNCLOSED_PAREN: "a '(' that is never closed",
  CHAINED_COMPARISON: "comparisons written as a chain (a < b < c)",
  UNKNOWN_FUNCTION: "a call to a function that does not exist",
  NOT_A_FUNCTION: "a context value called like a function",
  UNKNOWN_NAME: "a bare name that is not a context value",
  UNKNOWN_ACCOUNT: "balance() of an alias not defined under accounts:",
  BALANCE_ARGUMENT: "balance() without a single account alias",
  ARITY: "a call with the wrong number of arguments",
  TYPE_MISMATCH: "operands or arguments of the wrong type",
  UNROUNDED_DIVISION: "a division not directly inside round(), floor() or ceil()",
  WRONG_RESULT_TYPE: "an amount that is not money, or a condition that is not bool",
  CONTEXT_OUT_OF_RANGE: "a context value compared with a value it can never take",
  DIVISION_BY_ZERO: "a constant division by zero",
  OVERFLOW: "a constant computation beyond the exact range",
  CLAMP_BOUNDS_CROSSED: "clamp() with constant bounds where lo > hi",
  NEGATIVE_AMOUNT: "an amount formula that is a constant negative value",
} as const;

export type FormulaErrorCode = keyof typeof FORMULA_ERROR_CODES;

/**
 * A load-time problem in a formula. `start`/`end` are 0-based offsets into the
 * formula string in UTF-16 code units, `end` exclusive (`start === end` marks
 * a position, e.g. where input ended too early).
 */
export interface FormulaError {
  readonly code: FormulaErrorCode;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly hint?: string;
}

/** A half-open range of UTF-16 offsets into the formula source. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Builds a {@link FormulaError}, leaving `hint` out when there is none. */
export function formulaError(
  code: FormulaErrorCode,
  message: string,
  span: Span,
  hint?: string,
): FormulaError {
  const base = { code, message, start: span.start, end: span.end };
  return hint === undefined ? base : { ...base, hint };
}

/**
 * Why an evaluation produced no number. Closed table: the value is the
 * one-line meaning documented in docs/formulas.md.
 */
export const FORMULA_RUNTIME_CODES = {
  BALANCE_MISSING: "a referenced balance has no successful reading",
  BALANCE_STALE: "a referenced balance is older than staleAfter",
  CONTEXT_MISSING: "a context value (day_of_week …) was used before the caller set it",
  DIVISION_BY_ZERO: "a division whose denominator evaluated to zero",
  OVERFLOW: "an intermediate result beyond ±(2^53 − 1)",
  CLAMP_BOUNDS_CROSSED: "clamp(x, lo, hi) evaluated with lo > hi",
  NEGATIVE_AMOUNT: "an amount formula evaluated to a negative amount",
  ACCOUNT_NOT_BOUND: "the environment has no slot for an alias the formula reads (bind time)",
} as const;

export type FormulaRuntimeCode = keyof typeof FORMULA_RUNTIME_CODES;

/**
 * Thrown when a compiled formula cannot produce a correct value: the formula
 * never returns a wrong number instead. Carries the offending node's offsets
 * and, for balances, the alias.
 */
export class FormulaRuntimeError extends Error {
  override readonly name = "FormulaRuntimeError";
  readonly code: FormulaRuntimeCode;
  readonly start: number;
  readonly end: number;
  readonly alias: string | undefined;

  constructor(code: FormulaRuntimeCode, message: string, span: Span, alias?: string) {
    super(message);
    this.code = code;
    this.start = span.start;
    this.end = span.end;
    this.alias = alias;
  }
}
