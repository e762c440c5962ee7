import { describe, expect, it } from "vitest";
import { compileFormula, FORMULA_ERROR_CODES, type FormulaErrorCode } from "./index.js";

/**
 * Golden load errors: every message the compiler can produce at load time,
 * with its exact text, offsets (0-based UTF-16, end exclusive) and hint.
 * One row per error; a formula with several errors has several rows, in order.
 */
type Row = [
  source: string,
  expect: "money" | "bool",
  FormulaErrorCode,
  start: number,
  end: number,
  string,
  string | null,
];

const ACCOUNTS = ["checking", "savings", "emergency-fund"];

// One JSON array per line: [source, expect, code, start, end, message, hint].
const GOLDEN = String.raw`
["", "money", "EMPTY_FORMULA", 0, 0, "the formula is empty", "write an expression, e.g. balance(checking) - $500"]
["   ", "money", "EMPTY_FORMULA", 0, 3, "the formula is empty", "write an expression, e.g. balance(checking) - $500"]
["balance(checking) +", "money", "UNEXPECTED_END", 19, 19, "the formula ends where a value is expected", "complete the expression"]
["balance(checking) + * 2", "money", "UNEXPECTED_TOKEN", 20, 21, "expected a value, found \"*\"", null]
["(balance(checking)", "money", "UNCLOSED_PAREN", 0, 1, "\"(\" is never closed", "add \")\" to close the parenthesis"]
["max(balance(checking), $0", "money", "UNCLOSED_PAREN", 3, 4, "\"(\" is never closed", "add \")\" to close max("]
["balance(checking", "money", "UNCLOSED_PAREN", 7, 8, "\"(\" is never closed", "add \")\" to close balance("]
["balance(", "money", "UNCLOSED_PAREN", 7, 8, "\"(\" is never closed", "add \")\" to close balance("]
["balance()", "money", "BALANCE_ARGUMENT", 0, 9, "balance() needs an account alias", "write balance(checking) with an alias defined under accounts:"]
["balance($5)", "money", "BALANCE_ARGUMENT", 8, 10, "balance() takes an account alias, found \"$5\"", "write balance(checking) with an alias defined under accounts:"]
["balance(checking, savings)", "money", "BALANCE_ARGUMENT", 16, 17, "balance() takes exactly one account alias", "add balances: balance(a) + balance(b)"]
["balance(checking + $1)", "money", "UNEXPECTED_TOKEN", 17, 18, "expected \")\" after the account alias \"checking\", found \"+\"", "balance() takes only an alias; apply operators outside: balance(checking) - $100"]
["balance(checking) balance(savings)", "money", "UNEXPECTED_TOKEN", 18, 25, "unexpected \"balance\"", "an operator is missing before it"]
["balance(checking))", "money", "UNEXPECTED_TOKEN", 17, 18, "unexpected \")\"", "this \")\" has no matching \"(\""]
["$5 : $6", "money", "UNEXPECTED_TOKEN", 3, 4, "unexpected \":\"", "a \":\" needs a \"?\" before it: condition ? a : b"]
["balance(checking) > $0 ? $5", "money", "UNEXPECTED_END", 27, 27, "the formula ends before the \":\" of \"condition ? a : b\"", "the \"?\" needs a \":\" and a value for when the condition is false"]
["balance(checking) > $0 ? $5 $6", "money", "UNEXPECTED_TOKEN", 28, 30, "expected \":\" for the \"?\", found \"$6\"", "write condition ? a : b"]
["max($1, $2,)", "money", "UNEXPECTED_TOKEN", 11, 12, "expected a value, found \")\"", "remove the trailing comma"]
["max()", "money", "ARITY", 0, 5, "max() needs at least 2 arguments, got 0", "write max(a, b, …)"]
["()", "money", "UNEXPECTED_TOKEN", 1, 2, "expected a value, found \")\"", "empty parentheses: put a value inside"]
["+$5", "money", "UNEXPECTED_TOKEN", 0, 1, "expected a value, found \"+\"", "there is no unary +: remove it"]
["$5 ** 2", "money", "UNEXPECTED_TOKEN", 4, 5, "expected a value, found \"*\"", "there is no power operator"]
["1 < 2 < 3", "bool", "CHAINED_COMPARISON", 0, 9, "comparisons do not chain: \"1 < 2 < 3\"", "write 1 < 2 && 2 < 3"]
["balance(checking) > $0 == balance(savings) > $0", "bool", "CHAINED_COMPARISON", 0, 42, "comparisons do not chain: \"balance(checking) > $0 == balance(savings)\"", "compare values one at a time and combine the results with && or ||"]
["day_of_week >= 1 <= 5", "bool", "CHAINED_COMPARISON", 0, 21, "comparisons do not chain: \"day_of_week >= 1 <= 5\"", "write day_of_week >= 1 && 1 <= 5"]
["12.50", "money", "DECIMAL_NUMBER", 0, 5, "decimal number 12.50: amounts are integer cents; write $12.50", "numbers are whole; for a share of an amount use pct(amount, percent) or round(amount * n / d)"]
["balance(checking) * 1.5", "money", "DECIMAL_NUMBER", 20, 23, "decimal number 1.5: amounts are integer cents; write $1.50", "numbers are whole; for a share of an amount use pct(amount, percent) or round(amount * n / d)"]
["0.125", "money", "DECIMAL_NUMBER", 0, 5, "decimal number 0.125: numbers are whole and money has at most two decimals", "for a share of an amount use pct(amount, percent) or round(amount * n / d)"]
["0x10", "money", "INVALID_NUMBER", 0, 4, "\"0x10\" is not a number: numbers are whole and written in plain decimal digits", "no hex, exponents or unit suffixes; money is written like $1_500"]
["1e400", "money", "INVALID_NUMBER", 0, 5, "\"1e400\" is not a number: numbers are whole and written in plain decimal digits", "no hex, exponents or unit suffixes; money is written like $1_500"]
["10k", "money", "INVALID_NUMBER", 0, 3, "\"10k\" is not a number: numbers are whole and written in plain decimal digits", "no hex, exponents or unit suffixes; money is written like $1_500"]
["1_", "money", "INVALID_NUMBER", 0, 2, "\"1_\" is not a number", "\"_\" may only separate digits: 1_000"]
["1__0", "money", "INVALID_NUMBER", 0, 4, "\"1__0\" is not a number", "\"_\" may only separate digits: 1_000"]
["$", "money", "INVALID_MONEY", 0, 1, "\"$\" must be followed by an amount", "write dollars like $1_500 or $12.50"]
["$-5", "money", "INVALID_MONEY", 0, 2, "\"$-\" is not a money value", "the minus goes first: -$5"]
["$.50", "money", "INVALID_MONEY", 0, 2, "\"$.\" is not a money value", "write cents like $0.50"]
["$5.", "money", "INVALID_MONEY", 0, 3, "\"$5.\" is not a money value", "write $5 or $5.00"]
["$1.234", "money", "INVALID_MONEY", 0, 6, "\"$1.234\" is not a money value", "money has at most two decimals (cents), with no _ after the point"]
["$1_", "money", "INVALID_MONEY", 0, 3, "\"$1_\" is not a money value", "\"_\" may only separate digits: $1_500"]
["$5k", "money", "INVALID_MONEY", 0, 3, "\"$5k\" is not a money value", "write dollars like $1_500 or $12.50"]
["$1,500", "money", "INVALID_MONEY", 0, 6, "\"$1,500\": use \"_\" to group digits: $1_500", "if you meant two arguments, put a space after the comma"]
["max($1,500, $2)", "money", "INVALID_MONEY", 4, 10, "\"$1,500\": use \"_\" to group digits: $1_500", "if you meant two arguments, put a space after the comma"]
["99999999999999999", "money", "LITERAL_OVERFLOW", 0, 17, "99999999999999999 is too large (the limit is 9007199254740991)", "numbers must stay below 2^53 to be exact"]
["$99999999999999999", "money", "LITERAL_OVERFLOW", 0, 18, "$99999999999999999 is too large (the limit is $90,071,992,547,409.91)", "amounts must stay below 2^53 cents to be exact"]
["$90071992547409.92", "money", "LITERAL_OVERFLOW", 0, 18, "$90071992547409.92 is too large (the limit is $90,071,992,547,409.91)", "amounts must stay below 2^53 cents to be exact"]
["a = b", "bool", "UNEXPECTED_CHARACTER", 2, 3, "unexpected \"=\"", "compare with =="]
["a => b", "bool", "UNEXPECTED_CHARACTER", 2, 4, "\"=>\" is not an operator", "write >="]
["a & b", "bool", "UNEXPECTED_CHARACTER", 2, 3, "unexpected \"&\"", "write && for and"]
["a | b", "bool", "UNEXPECTED_CHARACTER", 2, 3, "unexpected \"|\"", "write || for or"]
["5 % 2", "money", "UNEXPECTED_CHARACTER", 2, 3, "unexpected \"%\"", "for a percentage use pct(amount, percent)"]
["2 ^ 3", "money", "UNEXPECTED_CHARACTER", 2, 3, "unexpected \"^\"", "there is no power operator"]
["\"x\"", "money", "UNEXPECTED_CHARACTER", 0, 1, "unexpected \"\"\"", "there are no strings: write account aliases bare, e.g. balance(checking)"]
["'x'", "money", "UNEXPECTED_CHARACTER", 0, 1, "unexpected \"'\"", "there are no strings: write account aliases bare, e.g. balance(checking)"]
["a.b", "money", "UNEXPECTED_CHARACTER", 1, 2, "unexpected \".\"", "there are no properties or methods; money with cents is written like $12.50"]
["# x", "money", "UNEXPECTED_CHARACTER", 0, 1, "unexpected \"#\"", "comments go in YAML, outside the formula"]
["a; b", "money", "UNEXPECTED_CHARACTER", 1, 2, "unexpected \";\"", "a formula is a single expression"]
["[1]", "money", "UNEXPECTED_CHARACTER", 0, 1, "unexpected \"[\"", "group with parentheses ( )"]
["{1}", "money", "UNEXPECTED_CHARACTER", 0, 1, "unexpected \"{\"", "group with parentheses ( )"]
["@", "money", "UNEXPECTED_CHARACTER", 0, 1, "unexpected \"@\"", null]
["\u0001", "money", "UNEXPECTED_CHARACTER", 0, 1, "control character U+0001", "delete it"]
["b\u0430lance(checking)", "money", "NON_ASCII_CHARACTER", 1, 2, "non-ASCII character \"а\" (U+0430)", "it looks like \"a\" but is a different character: retype it in ASCII"]
["balance(ch\u0435cking)", "money", "NON_ASCII_CHARACTER", 10, 11, "non-ASCII character \"е\" (U+0435)", "it looks like \"e\" but is a different character: retype it in ASCII"]
["$\uff1100", "money", "NON_ASCII_CHARACTER", 1, 2, "non-ASCII character \"１\" (U+FF11)", "it looks like \"1\" but is a different character: retype it in ASCII"]
["$100\u200b", "money", "NON_ASCII_CHARACTER", 4, 5, "invisible character U+200B (zero-width space)", "delete it: formulas are plain ASCII"]
["balance(checking)\u00a0+ $1", "money", "NON_ASCII_CHARACTER", 17, 18, "unusual space character U+00A0", "replace it with a plain space"]
["balance(checking) \u2212 $1", "money", "NON_ASCII_CHARACTER", 18, 19, "non-ASCII character \"−\" (U+2212)", "it looks like \"-\" but is a different character: retype it in ASCII"]
["balance(checking) \u00d7 2", "money", "NON_ASCII_CHARACTER", 18, 19, "non-ASCII character \"×\" (U+00D7)", "it looks like \"*\" but is a different character: retype it in ASCII"]
["\ud83d\ude00", "money", "NON_ASCII_CHARACTER", 0, 2, "non-ASCII character \"😀\" (U+1F600)", "formulas are plain ASCII: retype it"]
["\ud800", "money", "NON_ASCII_CHARACTER", 0, 1, "broken character U+D800 (a lone surrogate)", "retype it in ASCII"]
["blance(checking)", "money", "UNKNOWN_FUNCTION", 0, 6, "unknown function \"blance\"", "did you mean balance(checking)?"]
["Balance(checking)", "money", "UNKNOWN_FUNCTION", 0, 7, "unknown function \"Balance\"", "did you mean balance(checking)?"]
["frobnicate(1)", "money", "UNKNOWN_FUNCTION", 0, 10, "unknown function \"frobnicate\"", "the functions are balance, min, max, clamp, abs, pct, round, floor, ceil"]
["day_of_week()", "bool", "NOT_A_FUNCTION", 0, 11, "day_of_week is a value, not a function", "write day_of_week without parentheses"]
["checking", "money", "UNKNOWN_NAME", 0, 8, "\"checking\" is an account, not a value", "write balance(checking)"]
["max", "money", "UNKNOWN_NAME", 0, 3, "\"max\" is a function, not a value", "call it: max(…)"]
["true", "bool", "UNKNOWN_NAME", 0, 4, "unknown name \"true\"", "there are no true/false literals: write the condition itself"]
["and", "bool", "UNKNOWN_NAME", 0, 3, "unknown name \"and\"", "write && for and"]
["day_of_weak == 1", "bool", "UNKNOWN_NAME", 0, 11, "unknown name \"day_of_weak\"", "did you mean day_of_week?"]
["chekcing > $0", "bool", "UNKNOWN_NAME", 0, 8, "unknown name \"chekcing\"", "did you mean balance(checking)?"]
["xyzzy", "money", "UNKNOWN_NAME", 0, 5, "unknown name \"xyzzy\"", "the values are day_of_month, day_of_week, month, hour; balances are read with balance(alias)"]
["balance(chekcing)", "money", "UNKNOWN_ACCOUNT", 8, 16, "unknown account \"chekcing\"", "did you mean \"checking\"?"]
["balance(zzz)", "money", "UNKNOWN_ACCOUNT", 8, 11, "unknown account \"zzz\"", "known accounts: checking, savings, emergency-fund"]
["min($1)", "money", "ARITY", 0, 7, "min() needs at least 2 arguments, got 1", "write min(a, b, …)"]
["clamp($1, $2)", "money", "ARITY", 0, 13, "clamp() takes 3 arguments (value, lo, hi), got 2", "write clamp(value, lo, hi)"]
["abs($1, $2)", "money", "ARITY", 0, 11, "abs() takes 1 argument (value), got 2", "write abs(value)"]
["pct($1)", "money", "ARITY", 0, 7, "pct() takes 2 arguments (amount, percent), got 1", "write pct(amount, percent)"]
["round($1, 2)", "money", "ARITY", 0, 12, "round() takes 1 argument (a division), got 2", "round() always rounds to a whole value; put the division inside: round(amount * n / d)"]
["floor()", "money", "ARITY", 0, 7, "floor() takes 1 argument (a division), got 0", "floor() always rounds to a whole value; put the division inside: floor(amount * n / d)"]
["balance(checking) + 5", "money", "TYPE_MISMATCH", 0, 21, "cannot add money and a number", "did you mean $5? (if 5 is cents, write $0.05)"]
["5 + balance(checking)", "money", "TYPE_MISMATCH", 0, 21, "cannot add a number and money", "did you mean $5? (if 5 is cents, write $0.05)"]
["balance(checking) - 2000", "money", "TYPE_MISMATCH", 0, 24, "cannot subtract a number from money", "did you mean $2000? (if 2000 is cents, write $20)"]
["balance(checking) > 2000", "bool", "TYPE_MISMATCH", 0, 24, "cannot compare money with a number", "did you mean $2000? (if 2000 is cents, write $20)"]
["balance(checking) > -5", "bool", "TYPE_MISMATCH", 0, 22, "cannot compare money with a number", "did you mean -$5? (if 5 is cents, write -$0.05)"]
["balance(checking) + 1_000", "money", "TYPE_MISMATCH", 0, 25, "cannot add money and a number", "did you mean $1_000? (if 1_000 is cents, write $10)"]
["balance(checking) + 0", "money", "TYPE_MISMATCH", 0, 21, "cannot add money and a number", "did you mean $0?"]
["balance(checking) + day_of_month", "money", "TYPE_MISMATCH", 0, 32, "cannot add money and a number", null]
["balance(checking) * balance(savings)", "money", "TYPE_MISMATCH", 0, 36, "cannot multiply money by money", "multiply money by a plain number; for a share use pct(amount, percent) or round(amount * n / d)"]
["balance(checking) * $2", "money", "TYPE_MISMATCH", 0, 22, "cannot multiply money by money", "did you mean 2? (a plain number, without $)"]
["balance(checking) * $2.50", "money", "TYPE_MISMATCH", 0, 25, "cannot multiply money by money", "multiply money by a plain number; for a share use pct(amount, percent) or round(amount * n / d)"]
["5 / balance(checking)", "money", "TYPE_MISMATCH", 0, 21, "cannot divide a number by money", "divide money by a number (a share) or money by money (a count)"]
["balance(checking) * 3 / 10", "money", "UNROUNDED_DIVISION", 0, 26, "a division must be rounded: \"balance(checking) * 3 / 10\"", "write round(balance(checking) * 3 / 10) (half away from zero), floor(…) or ceil(…)"]
["balance(checking) / 10 * 3", "money", "UNROUNDED_DIVISION", 0, 22, "a division must be rounded: \"balance(checking) / 10\"", "divide last: round(balance(checking) * 3 / 10)"]
["balance(checking) / 2 / 5", "money", "UNROUNDED_DIVISION", 0, 21, "a division must be rounded: \"balance(checking) / 2\"", "divide once: round(balance(checking) / (2 * 5))"]
["round(balance(checking))", "money", "TYPE_MISMATCH", 6, 23, "round() rounds a division, but its argument is money", "remove round() (the value is already whole), or divide inside it: round(amount * n / d)"]
["round(balance(checking) > $0)", "money", "TYPE_MISMATCH", 6, 28, "round() rounds a division, but its argument is a condition", "write round(amount * n / d)"]
["max(balance(checking), 0)", "money", "TYPE_MISMATCH", 23, 24, "max() mixes money and a number: all arguments must be money, or all numbers", "did you mean $0?"]
["max(0, balance(checking))", "money", "TYPE_MISMATCH", 4, 5, "max() mixes money and a number: all arguments must be money, or all numbers", "did you mean $0?"]
["min(day_of_month, $5)", "money", "TYPE_MISMATCH", 18, 20, "min() mixes a number and money: all arguments must be money, or all numbers", "did you mean 5? (a plain number, without $)"]
["max(balance(checking) > $0, $1)", "money", "TYPE_MISMATCH", 4, 26, "max() takes money or a number, got a condition", "to choose between values write condition ? a : b"]
["clamp(balance(checking), 0, $5)", "money", "TYPE_MISMATCH", 25, 26, "clamp() mixes money and a number: all arguments must be money, or all numbers", "did you mean $0?"]
["pct(5, 10)", "money", "TYPE_MISMATCH", 4, 5, "pct() takes money as its first argument, got a number", "did you mean $5? (if 5 is cents, write $0.05)"]
["pct(balance(checking), $10)", "money", "TYPE_MISMATCH", 23, 26, "pct() takes a plain number as its percent, got money", "did you mean 10? (a plain number, without $)"]
["pct(balance(checking), $10.50)", "money", "TYPE_MISMATCH", 23, 29, "pct() takes a plain number as its percent, got money", "write pct(amount, percent), e.g. pct(balance(income), 10)"]
["abs(balance(checking) > $0)", "money", "TYPE_MISMATCH", 4, 26, "abs() takes money or a number, got a condition", "to choose between values write condition ? a : b"]
["-(balance(checking) > $0)", "bool", "TYPE_MISMATCH", 0, 25, "cannot negate a condition", "write ! for not"]
["!balance(checking)", "bool", "TYPE_MISMATCH", 1, 18, "\"!\" needs a condition, got money", "compare it, e.g. balance(checking) > $0"]
["!day_of_week", "bool", "TYPE_MISMATCH", 1, 12, "\"!\" needs a condition, got a number", "compare it, e.g. day_of_week == 1"]
["balance(checking) && day_of_week == 1", "bool", "TYPE_MISMATCH", 0, 17, "\"&&\" needs a condition, got money", "compare it, e.g. balance(checking) > $0"]
["day_of_week == 1 || 5", "bool", "TYPE_MISMATCH", 20, 21, "\"||\" needs a condition, got a number", "write a full comparison on each side, e.g. day_of_week == 1 || day_of_week == 5"]
["balance(checking) ? $1 : $2", "money", "TYPE_MISMATCH", 0, 17, "\"? :\" needs a condition, got money", "compare it, e.g. balance(checking) > $0"]
["balance(checking) > $0 ? $1 : 2", "money", "TYPE_MISMATCH", 0, 31, "both branches of \"? :\" must have the same type, got money and a number", "did you mean $2? (if 2 is cents, write $0.02)"]
["balance(checking) > $0 ? $1 : day_of_week > 1", "money", "TYPE_MISMATCH", 0, 45, "both branches of \"? :\" must have the same type, got money and a condition", null]
["balance(checking) > $0 ? balance(checking) / 2 : $0", "money", "UNROUNDED_DIVISION", 25, 46, "a division must be rounded: \"balance(checking) / 2\"", "write round(balance(checking) / 2) (half away from zero), floor(…) or ceil(…)"]
["(balance(checking) > $0) < (day_of_week > 1)", "bool", "TYPE_MISMATCH", 0, 44, "cannot compare a condition with a condition", "combine conditions with && and ||"]
["balance(checking) > $0 == day_of_week > 1", "bool", "CHAINED_COMPARISON", 0, 37, "comparisons do not chain: \"balance(checking) > $0 == day_of_week\"", "compare values one at a time and combine the results with && or ||"]
["(balance(checking) > $0) == (day_of_week > 1)", "bool", "TYPE_MISMATCH", 0, 45, "cannot compare a condition with a condition", "combine conditions with && and ||"]
["balance(checking) + (day_of_week > 1)", "money", "TYPE_MISMATCH", 0, 37, "cannot add money and a condition", "conditions are not values; to choose between values write condition ? a : b"]
["5", "money", "WRONG_RESULT_TYPE", 0, 1, "an amount must be money, but this formula is a number", "did you mean $5? (if 5 is cents, write $0.05)"]
["-5", "money", "WRONG_RESULT_TYPE", 0, 2, "an amount must be money, but this formula is a number", "did you mean -$5? (if 5 is cents, write -$0.05)"]
["day_of_month", "money", "WRONG_RESULT_TYPE", 0, 12, "an amount must be money, but this formula is a number", "money comes from balance() and $ literals; money times a number is money"]
["round(balance(checking) / balance(savings))", "money", "WRONG_RESULT_TYPE", 0, 43, "an amount must be money, but this formula is a number", "money comes from balance() and $ literals; money times a number is money"]
["balance(checking) > $0", "money", "WRONG_RESULT_TYPE", 0, 22, "an amount must be money, but this formula is a condition", "conditions belong in a trigger's when:; for a conditional amount write condition ? $a : $b"]
["balance(checking)", "bool", "WRONG_RESULT_TYPE", 0, 17, "a condition must be true or false, but this formula is money", "compare it, e.g. balance(checking) > $0"]
["day_of_week", "bool", "WRONG_RESULT_TYPE", 0, 11, "a condition must be true or false, but this formula is a number", "compare it, e.g. day_of_week == 1"]
["balance(checking) / 2", "money", "UNROUNDED_DIVISION", 0, 21, "a division must be rounded: \"balance(checking) / 2\"", "write round(balance(checking) / 2) (half away from zero), floor(…) or ceil(…)"]
["day_of_week == 7", "bool", "CONTEXT_OUT_OF_RANGE", 0, 16, "day_of_week is 0–6 (0 = Sunday … 6 = Saturday), so \"day_of_week == 7\" is never true", "Sunday is 0"]
["day_of_week != 7", "bool", "CONTEXT_OUT_OF_RANGE", 0, 16, "day_of_week is 0–6 (0 = Sunday … 6 = Saturday), so \"day_of_week != 7\" is always true", "Sunday is 0"]
["0 == day_of_month", "bool", "CONTEXT_OUT_OF_RANGE", 0, 17, "day_of_month is 1–31, so \"0 == day_of_month\" is never true", "use a value in 1–31"]
["month == 13", "bool", "CONTEXT_OUT_OF_RANGE", 0, 11, "month is 1–12 (1 = January), so \"month == 13\" is never true", "use a value in 1–12 (1 = January)"]
["hour == 24", "bool", "CONTEXT_OUT_OF_RANGE", 0, 10, "hour is 0–23, so \"hour == 24\" is never true", "use a value in 0–23"]
["hour == -1", "bool", "CONTEXT_OUT_OF_RANGE", 0, 10, "hour is 0–23, so \"hour == -1\" is never true", "use a value in 0–23"]
["round($1 / 0)", "money", "DIVISION_BY_ZERO", 6, 12, "\"$1 / 0\" divides by zero", "the denominator is always zero"]
["round(balance(checking) / 0)", "money", "DIVISION_BY_ZERO", 6, 27, "\"balance(checking) / 0\" divides by zero", "the denominator is always zero"]
["$90071992547409.91 + $0.01", "money", "OVERFLOW", 0, 26, "\"$90071992547409.91 + $0.01\" is beyond ±$90,071,992,547,409.91, where integers stop being exact", "the constant part is too large to compute exactly"]
["clamp(balance(checking), $5, $1)", "money", "CLAMP_BOUNDS_CROSSED", 0, 32, "clamp bounds are crossed in \"clamp(balance(checking), $5, $1)\": lo $5.00 is above hi $1.00", "write clamp(value, lo, hi) with lo ≤ hi"]
["-$5", "money", "NEGATIVE_AMOUNT", 0, 3, "the amount is negative (-$5.00); an amount must be $0 or more", "the formula is a constant below $0"]
["$1 - $2", "money", "NEGATIVE_AMOUNT", 0, 7, "the amount is negative (-$1.00); an amount must be $0 or more", "the formula is a constant below $0"]
["balance(checking) + 5 + balance(frob)", "money", "TYPE_MISMATCH", 0, 21, "cannot add money and a number", "did you mean $5? (if 5 is cents, write $0.05)"]
["balance(checking) + 5 + balance(frob)", "money", "UNKNOWN_ACCOUNT", 32, 36, "unknown account \"frob\"", "known accounts: checking, savings, emergency-fund"]
["balance(emergency - fund)", "money", "UNEXPECTED_TOKEN", 18, 19, "expected \")\" after the account alias \"emergency\", found \"-\"", "balance() takes only an alias; apply operators outside: balance(checking) - $100"]
["(balance(checking) / 2) * 3", "money", "UNROUNDED_DIVISION", 0, 23, "a division must be rounded: \"(balance(checking) / 2)\"", "divide last: round(balance(checking) * 3 / 2)"]
`;

// Limits, on generated sources (limits.test.ts covers them in depth).
const LIMIT_ROWS: Row[] = [
  [
    "$1 + ".repeat(1000) + "$1",
    "money",
    "SOURCE_TOO_LONG",
    4096,
    5002,
    "the formula is 5002 characters long; the limit is 4096",
    "move the logic into several amounts or triggers",
  ],
  [
    "(".repeat(40) + "$1" + ")".repeat(40),
    "money",
    "NESTING_TOO_DEEP",
    32,
    33,
    "the formula nests deeper than 32 levels",
    "flatten it: fewer parentheses and nested calls",
  ],
  [
    "$1 + ".repeat(200) + "$1",
    "money",
    "TOO_MANY_NODES",
    640,
    642,
    "the formula has more than 256 values and operators",
    "split it into simpler formulas",
  ],
];

const ROWS: Row[] = [
  ...GOLDEN.trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Row),
  ...LIMIT_ROWS,
];

function grouped(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify([row[0], row[1]]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

describe("load errors (golden)", () => {
  const label = (source: string): string => {
    const text = JSON.stringify(source);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  };
  it.each([...grouped(ROWS).values()].map((rows) => [label(rows[0]![0]), rows[0]![1], rows] as const))(
    "%s as %s",
    (_label, expectType, rows) => {
      const source = rows[0]![0];
      const result = compileFormula(source, { expect: expectType, accounts: ACCOUNTS });
      expect(result.ok).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(
        errors.map((e) => [source, expectType, e.code, e.start, e.end, e.message, e.hint ?? null]),
      ).toEqual(rows);
    },
  );

  it("covers every load error code", () => {
    const covered = new Set(ROWS.map((row) => row[2]));
    expect(Object.keys(FORMULA_ERROR_CODES).filter((code) => !covered.has(code as FormulaErrorCode))).toEqual(
      [],
    );
  });

  it("marks the exact span of an error inside a multi-line formula", () => {
    const source = "clamp(\n  balance(chekcing) - $2_000,\n  $0,\n  $5_000\n)";
    const result = compileFormula(source, { expect: "money", accounts: ACCOUNTS });
    expect(result.ok).toBe(false);
    const [error] = result.ok ? [] : result.errors;
    expect(source.slice(error!.start, error!.end)).toBe("chekcing");
    expect(error).toMatchObject({
      code: "UNKNOWN_ACCOUNT",
      start: 17,
      end: 25,
      hint: 'did you mean "checking"?',
    });
  });

  it("counts offsets in UTF-16 code units", () => {
    // An astral character is two code units: the error spans both.
    const result = compileFormula("max($1, $2) 😀 balance(x)", { expect: "money", accounts: ACCOUNTS });
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.start, e.end])).toEqual([
      ["NON_ASCII_CHARACTER", 12, 14],
    ]);
  });
});
