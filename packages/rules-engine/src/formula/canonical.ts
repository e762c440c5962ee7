import { createHash } from "node:crypto";
import { formatMoneyLiteral } from "@seqd/core";
import type { Node } from "./ast.js";

/**
 * The normalized text of a formula: every operation parenthesised, single
 * spaces, money in its shortest literal form (`$2000.00` → `$2_000`), numbers
 * without separators. Formulas that differ only in layout, redundant
 * parentheses or literal spelling have the same canonical text.
 *
 * @example canonicalText(parse("clamp( balance(checking)-$2000.00 ,$0,$5_000 )"))
 * // "clamp((balance(checking) - $2_000), $0, $5_000)"
 */
export function canonicalText(node: Node): string {
  switch (node.kind) {
    case "money":
      return formatMoneyLiteral(node.cents);
    case "number":
      return String(node.value);
    case "name":
      return node.name;
    case "balance":
      return `balance(${node.alias})`;
    case "call":
      return `${node.name}(${node.args.map(canonicalText).join(", ")})`;
    case "unary":
      return `(${node.op}${canonicalText(node.operand)})`;
    case "binary":
      return `(${canonicalText(node.left)} ${node.op} ${canonicalText(node.right)})`;
    case "conditional":
      return `(${canonicalText(node.test)} ? ${canonicalText(node.consequent)} : ${canonicalText(node.alternate)})`;
  }
}

/** SHA-256 (hex) of the canonical text: stable across whitespace and literal spelling. */
export function canonicalHash(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}
