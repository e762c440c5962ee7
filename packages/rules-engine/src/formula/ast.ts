/**
 * The syntax tree the parser produces. Every node carries `start`/`end`:
 * 0-based UTF-16 offsets into the formula source, `end` exclusive. Operator
 * nodes span from their first operand to their last; a parenthesised
 * expression's node includes its parentheses.
 */
export type Node =
  | MoneyNode
  | NumberNode
  | NameNode
  | BalanceNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | ConditionalNode;

/** `$1_500.25`: money, stored as integer cents. */
export interface MoneyNode {
  readonly kind: "money";
  readonly cents: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** `12`, `1_000`: a whole number. */
export interface NumberNode {
  readonly kind: "number";
  readonly value: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A bare name: a context value such as `day_of_week` once resolved. */
export interface NameNode {
  readonly kind: "name";
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** `balance(alias)`; `aliasStart`/`aliasEnd` locate the alias for error messages. */
export interface BalanceNode {
  readonly kind: "balance";
  readonly alias: string;
  readonly aliasStart: number;
  readonly aliasEnd: number;
  readonly start: number;
  readonly end: number;
}

/** `name(arg, …)` for every function except `balance`. */
export interface CallNode {
  readonly kind: "call";
  readonly name: string;
  readonly nameEnd: number;
  readonly args: readonly Node[];
  readonly start: number;
  readonly end: number;
}

/** `-x` or `!x`. */
export interface UnaryNode {
  readonly kind: "unary";
  readonly op: UnaryOp;
  readonly operand: Node;
  readonly start: number;
  readonly end: number;
}

/** `a op b`; `opStart` locates the operator. */
export interface BinaryNode {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Node;
  readonly right: Node;
  readonly opStart: number;
  readonly start: number;
  readonly end: number;
}

/** `test ? consequent : alternate`. */
export interface ConditionalNode {
  readonly kind: "conditional";
  readonly test: Node;
  readonly consequent: Node;
  readonly alternate: Node;
  readonly start: number;
  readonly end: number;
}

export type UnaryOp = "-" | "!";
export type ArithmeticOp = "+" | "-" | "*" | "/";
export type ComparisonOp = "<" | "<=" | ">" | ">=" | "==" | "!=";
export type LogicalOp = "&&" | "||";
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp;

/** The offsets of a node, without the node. */
export function spanOf(node: Node): { start: number; end: number } {
  return { start: node.start, end: node.end };
}

/** True for the six comparison operators. */
export function isComparison(op: BinaryOp): op is ComparisonOp {
  return op === "<" || op === "<=" || op === ">" || op === ">=" || op === "==" || op === "!=";
}
