/** Type checks of the operators: `-` `!`, the binary operators and `? :`. */
import {
  type BinaryNode,
  type ComparisonOp,
  type ConditionalNode,
  isComparison,
  type Node,
  spanOf as span,
  type UnaryNode,
} from "./ast.js";
import { CONTEXT } from "./builtins.js";
import type { Checker, Typed } from "./checker.js";
import type { NumExpr, NumericType } from "./expr.js";
import { describeType, moneyLiteralHint, numberLiteralHint, quoteOr } from "./type-hints.js";

const VERBS: Readonly<Record<"+" | "-" | "*" | "/", (l: string, r: string) => string>> = {
  "+": (l, r) => `cannot add ${l} and ${r}`,
  "-": (l, r) => `cannot subtract ${r} from ${l}`,
  "*": (l, r) => `cannot multiply ${l} by ${r}`,
  "/": (l, r) => `cannot divide ${l} by ${r}`,
};

/** `-x` (money or number) and `!x` (a condition). */
export function checkUnary(checker: Checker, node: UnaryNode): Typed | null {
  const operand = checker.check(node.operand);
  if (node.op === "!") {
    const arg = checker.condition(operand, node.operand, '"!"');
    return arg === null ? null : { type: "bool", expr: { op: "not", arg, span: span(node) } };
  }
  if (operand?.type === "bool") {
    return checker.report("TYPE_MISMATCH", "cannot negate a condition", span(node), "write ! for not");
  }
  const arg = checker.numeric(operand, node.operand, '"-"');
  if (arg === null) return null;
  return { type: arg.type, expr: { op: "neg", type: arg.type, arg: arg.expr, span: span(node) } };
}

/** Logical, comparison and arithmetic operators; `/` yields a ratio for round/floor/ceil. */
export function checkBinary(checker: Checker, node: BinaryNode): Typed | null {
  const left = checker.check(node.left);
  const right = checker.check(node.right);
  const op = node.op;
  if (op === "&&" || op === "||") {
    const l = checker.condition(left, node.left, `"${op}"`);
    const r = checker.condition(right, node.right, `"${op}"`);
    if (l === null || r === null) return null;
    return { type: "bool", expr: { op: op === "&&" ? "and" : "or", left: l, right: r, span: span(node) } };
  }
  if (left === null || right === null) return null;
  if (left.type === "ratio" || right.type === "ratio") return ratioOperand(checker, node, left, right);
  if (isComparison(op)) return comparison(checker, node, op, left, right);
  if (left.type === "bool" || right.type === "bool") {
    return checker.report(
      "TYPE_MISMATCH",
      VERBS[op](describeType(left.type), describeType(right.type)),
      span(node),
      "conditions are not values; to choose between values write condition ? a : b",
    );
  }
  return arithmetic(checker, node, op, left, right);
}

function arithmetic(
  checker: Checker,
  node: BinaryNode,
  op: "+" | "-" | "*" | "/",
  left: Extract<Typed, { type: NumericType }>,
  right: Extract<Typed, { type: NumericType }>,
): Typed | null {
  const at = span(node);
  const mismatch = (hint?: string): null =>
    checker.report("TYPE_MISMATCH", VERBS[op](describeType(left.type), describeType(right.type)), at, hint);
  switch (op) {
    case "+":
    case "-": {
      if (left.type !== right.type) return mismatch(mixHint(node.left, left.type, node.right, right.type));
      const kind = op === "+" ? "add" : "sub";
      return {
        type: left.type,
        expr: { op: kind, type: left.type, left: left.expr, right: right.expr, span: at },
      };
    }
    case "*": {
      if (left.type === "money" && right.type === "money") {
        return mismatch(
          numberLiteralHint(node.right) ??
            numberLiteralHint(node.left) ??
            "multiply money by a plain number; for a share use pct(amount, percent) or round(amount * n / d)",
        );
      }
      const type = left.type === "money" || right.type === "money" ? "money" : "number";
      return { type, expr: { op: "mul", type, left: left.expr, right: right.expr, span: at } };
    }
    case "/": {
      if (left.type === "number" && right.type === "money") {
        return mismatch("divide money by a number (a share) or money by money (a count)");
      }
      const of = left.type === "money" && right.type === "number" ? "money" : "number";
      return { type: "ratio", of, num: left.expr, den: right.expr, node };
    }
  }
}

/** Hint for `money op number`: a bare number literal was probably meant as money. */
function mixHint(leftNode: Node, left: NumericType, rightNode: Node, right: NumericType): string | undefined {
  if (left === "money" && right === "number") return moneyLiteralHint(rightNode);
  if (left === "number" && right === "money") return moneyLiteralHint(leftNode);
  return undefined;
}

function ratioOperand(checker: Checker, node: BinaryNode, left: Typed, right: Typed): null {
  if (left.type === "ratio") {
    const l = (n: Node): string => quoteOr(checker.source, n, "…");
    if (node.op === "*" && right.type !== "ratio") {
      checker.unrounded(
        left,
        `divide last: round(${l(left.node.left)} * ${l(node.right)} / ${l(left.node.right)})`,
      );
    } else if (node.op === "/" && right.type !== "ratio") {
      checker.unrounded(
        left,
        `divide once: round(${l(left.node.left)} / (${l(left.node.right)} * ${l(node.right)}))`,
      );
    } else {
      checker.unrounded(left);
    }
  }
  if (right.type === "ratio") checker.unrounded(right);
  return null;
}

function comparison(
  checker: Checker,
  node: BinaryNode,
  op: ComparisonOp,
  left: Exclude<Typed, { type: "ratio" }>,
  right: Exclude<Typed, { type: "ratio" }>,
): Typed | null {
  if (left.type === "bool" || right.type === "bool") {
    return checker.report(
      "TYPE_MISMATCH",
      `cannot compare ${describeType(left.type)} with ${describeType(right.type)}`,
      span(node),
      left.type === right.type ? "combine conditions with && and ||" : undefined,
    );
  }
  if (left.type !== right.type) {
    return checker.report(
      "TYPE_MISMATCH",
      `cannot compare ${describeType(left.type)} with ${describeType(right.type)}`,
      span(node),
      mixHint(node.left, left.type, node.right, right.type),
    );
  }
  contextRange(checker, node, op, left.expr, node.right);
  contextRange(checker, node, op, right.expr, node.left);
  return {
    type: "bool",
    expr: { op: "cmp", cmp: op, left: left.expr, right: right.expr, span: span(node) },
  };
}

/** `day_of_week == 7` can never be true: Sunday is 0. */
function contextRange(
  checker: Checker,
  node: BinaryNode,
  op: ComparisonOp,
  side: NumExpr,
  other: Node,
): void {
  if (side.op !== "context" || (op !== "==" && op !== "!=")) return;
  const literal =
    other.kind === "number"
      ? other.value
      : other.kind === "unary" && other.op === "-" && other.operand.kind === "number"
        ? -other.operand.value
        : undefined;
  const spec = CONTEXT.get(side.name);
  if (literal === undefined || spec === undefined || (literal >= spec.min && literal <= spec.max)) return;
  const text = checker.source.slice(node.start, node.end);
  checker.report(
    "CONTEXT_OUT_OF_RANGE",
    `${spec.name} is ${spec.range}, so "${text}" is ${op === "==" ? "never" : "always"} true`,
    span(node),
    spec.name === "day_of_week" && literal === 7 ? "Sunday is 0" : `use a value in ${spec.range}`,
  );
}

/** `c ? a : b`: a condition and two branches of one type. */
export function checkConditional(checker: Checker, node: ConditionalNode): Typed | null {
  const test = checker.condition(checker.check(node.test), node.test, '"? :"');
  const then = checker.check(node.consequent);
  const otherwise = checker.check(node.alternate);
  if (then?.type === "ratio") checker.unrounded(then);
  if (otherwise?.type === "ratio") checker.unrounded(otherwise);
  if (test === null || then === null || otherwise === null) return null;
  if (then.type === "ratio" || otherwise.type === "ratio") return null;
  const at = span(node);
  if (then.type === "bool" && otherwise.type === "bool") {
    return {
      type: "bool",
      expr: { op: "cond", test, consequent: then.expr, otherwise: otherwise.expr, span: at },
    };
  }
  if (then.type !== otherwise.type || then.type === "bool" || otherwise.type === "bool") {
    const hint =
      then.type !== "bool" && otherwise.type !== "bool"
        ? mixHint(node.consequent, then.type, node.alternate, otherwise.type)
        : undefined;
    return checker.report(
      "TYPE_MISMATCH",
      `both branches of "? :" must have the same type, got ${describeType(then.type)} and ${describeType(otherwise.type)}`,
      at,
      hint,
    );
  }
  return {
    type: then.type,
    expr: { op: "cond", type: then.type, test, consequent: then.expr, otherwise: otherwise.expr, span: at },
  };
}
