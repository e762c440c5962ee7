import { formatMoneyLiteral } from "@seqd/core";
import type { Node } from "./ast.js";
import type { ValueType } from "./expr.js";

/** How a type reads inside an error message. */
export function describeType(type: ValueType | "ratio"): string {
  switch (type) {
    case "money":
      return "money";
    case "number":
      return "a number";
    case "bool":
      return "a condition";
    case "ratio":
      return "an unrounded division";
  }
}

/** A number literal, possibly negated: what a forgotten `$` looks like. */
function numberLiteral(node: Node): { text: string; value: number; negative: boolean } | undefined {
  if (node.kind === "number") return { text: node.text, value: node.value, negative: false };
  if (node.kind === "unary" && node.op === "-" && node.operand.kind === "number") {
    return { text: node.operand.text, value: node.operand.value, negative: true };
  }
  return undefined;
}

/**
 * `balance(a) + 5` → `did you mean $5? (if 5 is cents, write $0.05)`: the
 * number was most likely meant as money; say both readings.
 */
export function moneyLiteralHint(node: Node): string | undefined {
  const literal = numberLiteral(node);
  if (literal === undefined) return undefined;
  const sign = literal.negative ? "-" : "";
  const dollars = `${sign}$${literal.text}`;
  if (literal.value === 0) return `did you mean ${dollars}?`;
  const cents = `${sign}${formatMoneyLiteral(literal.value)}`;
  return `did you mean ${dollars}? (if ${literal.text} is cents, write ${cents})`;
}

/** `balance(a) * $2` → `did you mean 2?`: a whole-dollar literal used as a factor. */
export function numberLiteralHint(node: Node): string | undefined {
  if (node.kind !== "money" || node.cents % 100 !== 0) return undefined;
  return `did you mean ${node.text.slice(1)}? (a plain number, without $)`;
}

/** The source of `node` when short enough to quote in a hint, else a stock example. */
export function quoteOr(source: string, node: Node, fallback: string): string {
  const text = source.slice(node.start, node.end);
  return text.length <= 40 && !text.includes("\n") ? text : fallback;
}
