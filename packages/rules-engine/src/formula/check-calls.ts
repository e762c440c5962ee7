import type { CallNode, Node } from "./ast.js";
import { CALLABLE_NAMES, CONTEXT, FUNCTIONS, type FunctionSpec } from "./builtins.js";
import type { Checker, Typed } from "./checker.js";
import type { NumExpr, NumericType } from "./expr.js";
import { describeType, moneyLiteralHint, numberLiteralHint } from "./type-hints.js";

/** Type-checks a call to one of the {@link FUNCTIONS}. */
export function checkCall(checker: Checker, node: CallNode): Typed | null {
  const at = { start: node.start, end: node.end };
  const fn = FUNCTIONS.get(node.name);
  // The arguments of an unknown function would only add noise (`blance(checking)`).
  if (fn === undefined) return unknownFunction(checker, node);
  // Arguments are checked even for a call with the wrong arity, so errors inside them surface too.
  const args = node.args.map((arg) => checker.check(arg));
  if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) return arity(checker, node, fn);
  switch (fn.name) {
    case "min":
    case "max": {
      const same = sameNumeric(checker, node, args);
      return same && { type: same.type, expr: { op: fn.name, type: same.type, args: same.exprs, span: at } };
    }
    case "clamp": {
      const same = sameNumeric(checker, node, args);
      const [value, lo, hi] = same?.exprs ?? [];
      if (same === null || value === undefined || lo === undefined || hi === undefined) return null;
      return { type: same.type, expr: { op: "clamp", type: same.type, value, lo, hi, span: at } };
    }
    case "abs": {
      const arg = checker.numeric(args[0] ?? null, node.args[0]!, "abs()");
      return arg && { type: arg.type, expr: { op: "abs", type: arg.type, arg: arg.expr, span: at } };
    }
    case "pct":
      return pct(checker, node, args);
    case "round":
    case "floor":
    case "ceil":
      return rounding(checker, node, fn.name, args[0] ?? null);
  }
}

function unknownFunction(checker: Checker, node: CallNode): null {
  const at = { start: node.start, end: node.nameEnd };
  if (CONTEXT.has(node.name)) {
    return checker.report(
      "NOT_A_FUNCTION",
      `${node.name} is a value, not a function`,
      at,
      `write ${node.name} without parentheses`,
    );
  }
  const suggestion = checker.suggest(node.name, CALLABLE_NAMES);
  const inside = checker.source.slice(checker.source.indexOf("(", node.nameEnd) + 1, node.end - 1);
  return checker.report(
    "UNKNOWN_FUNCTION",
    `unknown function "${node.name}"`,
    at,
    suggestion === undefined
      ? `the functions are ${CALLABLE_NAMES.join(", ")}`
      : `did you mean ${suggestion}(${inside.length <= 40 ? inside : "…"})?`,
  );
}

function arity(checker: Checker, node: CallNode, fn: FunctionSpec): null {
  const got = node.args.length;
  const at = { start: node.start, end: node.end };
  if (fn.maxArgs === Number.POSITIVE_INFINITY) {
    return checker.report(
      "ARITY",
      `${fn.name}() needs at least ${fn.minArgs} arguments, got ${got}`,
      at,
      `write ${fn.name}(${fn.params})`,
    );
  }
  const plural = fn.minArgs === 1 ? "argument" : "arguments";
  const hint =
    fn.name === "round" || fn.name === "floor" || fn.name === "ceil"
      ? `${fn.name}() always rounds to a whole value; put the division inside: ${fn.name}(amount * n / d)`
      : `write ${fn.name}(${fn.params})`;
  return checker.report(
    "ARITY",
    `${fn.name}() takes ${fn.minArgs} ${plural} (${fn.params}), got ${got}`,
    at,
    hint,
  );
}

/**
 * All arguments money, or all numbers. The type of the first argument that is
 * not a literal decides (literals are the likely slip: `max(balance(a), 0)`),
 * so the error lands on the literal, with the fix as a hint.
 */
function sameNumeric(
  checker: Checker,
  node: CallNode,
  args: readonly (Typed | null)[],
): { type: NumericType; exprs: NumExpr[] } | null {
  const what = `${node.name}()`;
  const numeric = args.map((arg, index) => checker.numeric(arg, node.args[index]!, what));
  if (numeric.some((arg) => arg === null)) return null;
  const typed = numeric as Extract<Typed, { type: NumericType }>[];
  const decisive = typed.find((_, index) => !isLiteral(node.args[index]!)) ?? typed[0];
  if (decisive === undefined) return null;
  const type = decisive.type;
  let failed = false;
  for (const [index, arg] of typed.entries()) {
    if (arg.type === type) continue;
    failed = true;
    const argNode = node.args[index]!;
    checker.report(
      "TYPE_MISMATCH",
      `${what} mixes ${describeType(type)} and ${describeType(arg.type)}: all arguments must be money, or all numbers`,
      { start: argNode.start, end: argNode.end },
      type === "money" ? moneyLiteralHint(argNode) : numberLiteralHint(argNode),
    );
  }
  return failed ? null : { type, exprs: typed.map((arg) => arg.expr) };
}

function isLiteral(node: Node): boolean {
  if (node.kind === "unary" && node.op === "-") return isLiteral(node.operand);
  return node.kind === "number" || node.kind === "money";
}

function pct(checker: Checker, node: CallNode, args: readonly (Typed | null)[]): Typed | null {
  const [amountNode, percentNode] = node.args as [Node, Node];
  const amount = checker.numeric(args[0] ?? null, amountNode, "pct()");
  const percent = checker.numeric(args[1] ?? null, percentNode, "pct()");
  let ok = amount !== null && percent !== null;
  if (amount !== null && amount.type !== "money") {
    ok = false;
    checker.report(
      "TYPE_MISMATCH",
      `pct() takes money as its first argument, got ${describeType(amount.type)}`,
      { start: amountNode.start, end: amountNode.end },
      moneyLiteralHint(amountNode) ?? "write pct(amount, percent), e.g. pct(balance(income), 10)",
    );
  }
  if (percent !== null && percent.type !== "number") {
    ok = false;
    checker.report(
      "TYPE_MISMATCH",
      "pct() takes a plain number as its percent, got money",
      { start: percentNode.start, end: percentNode.end },
      numberLiteralHint(percentNode) ?? "write pct(amount, percent), e.g. pct(balance(income), 10)",
    );
  }
  if (!ok || amount === null || percent === null) return null;
  return {
    type: "money",
    expr: {
      op: "pct",
      type: "money",
      amount: amount.expr,
      percent: percent.expr,
      span: { start: node.start, end: node.end },
    },
  };
}

function rounding(
  checker: Checker,
  node: CallNode,
  name: "round" | "floor" | "ceil",
  arg: Typed | null,
): Typed | null {
  if (arg === null) return null;
  const argNode = node.args[0]!;
  if (arg.type !== "ratio") {
    return checker.report(
      "TYPE_MISMATCH",
      `${name}() rounds a division, but its argument is ${describeType(arg.type)}`,
      { start: argNode.start, end: argNode.end },
      arg.type === "bool"
        ? `write ${name}(amount * n / d)`
        : `remove ${name}() (the value is already whole), or divide inside it: ${name}(amount * n / d)`,
    );
  }
  return {
    type: arg.of,
    expr: {
      op: name,
      type: arg.of,
      num: arg.num,
      den: arg.den,
      divSpan: { start: arg.node.start, end: arg.node.end },
      span: { start: node.start, end: node.end },
    },
  };
}
