import { type BinaryNode, type BinaryOp, isComparison, type Node } from "./ast.js";
import { type FormulaError, type FormulaErrorCode, formulaError } from "./errors.js";
import { Lexer, SyntaxAbort, type Token } from "./lexer.js";
import { FORMULA_LIMITS } from "./limits.js";
import { describe, parseBalance, parseCall, trailingHint } from "./parse-calls.js";

/** The result of parsing: a tree, or the first syntax error. */
export type ParseResult = { ok: true; node: Node; nodeCount: number } | { ok: false; error: FormulaError };

/** Binding powers (higher binds tighter). `? :` is handled separately at TERNARY. */
const TERNARY = 10;
const PREFIX = 70;
const INFIX: ReadonlyMap<string, number> = new Map([
  ["||", 20],
  ["&&", 30],
  ["<", 40],
  ["<=", 40],
  [">", 40],
  [">=", 40],
  ["==", 40],
  ["!=", 40],
  ["+", 50],
  ["-", 50],
  ["*", 60],
  ["/", 60],
]);

/**
 * Parses a formula into a {@link Node} tree with a Pratt parser. Stops at the
 * first syntax error (later ones are usually consequences of it) and never
 * recurses deeper than {@link FORMULA_LIMITS.maxDepth}.
 *
 * @example parseFormula("balance(checking) - $200") // { ok: true, node: { kind: "binary", op: "-", … } }
 */
export function parseFormula(source: string): ParseResult {
  if (source.length > FORMULA_LIMITS.maxSourceLength) {
    return {
      ok: false,
      error: formulaError(
        "SOURCE_TOO_LONG",
        `the formula is ${source.length} characters long; the limit is ${FORMULA_LIMITS.maxSourceLength}`,
        { start: FORMULA_LIMITS.maxSourceLength, end: source.length },
        "move the logic into several amounts or triggers",
      ),
    };
  }
  if (source.trim().length === 0) {
    return {
      ok: false,
      error: formulaError(
        "EMPTY_FORMULA",
        "the formula is empty",
        { start: 0, end: source.length },
        "write an expression, e.g. balance(checking) - $500",
      ),
    };
  }
  try {
    return new Parser(source).parse();
  } catch (thrown) {
    if (thrown instanceof SyntaxAbort) return { ok: false, error: thrown.error };
    throw thrown;
  }
}

/** The Pratt parser; parse-calls.ts reads calls and balance() through its public members. */
export class Parser {
  readonly lexer: Lexer;
  /** The lookahead token. */
  current: Token;
  /** Where the last consumed token ended: the position of "ends too early" errors. */
  previousEnd = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
    this.current = this.lexer.next();
  }

  parse(): ParseResult {
    const node = this.expression(0);
    const token = this.current;
    if (token.kind !== "end")
      this.fail("UNEXPECTED_TOKEN", `unexpected ${describe(token)}`, token, trailingHint(token));
    return { ok: true, node, nodeCount: this.nodes };
  }

  advance(): Token {
    const token = this.current;
    this.previousEnd = token.end;
    this.current = this.lexer.next();
    return token;
  }

  fail(code: FormulaErrorCode, message: string, span: { start: number; end: number }, hint?: string): never {
    throw new SyntaxAbort(formulaError(code, message, span, hint));
  }

  count<T extends Node>(node: T): T {
    this.nodes++;
    if (this.nodes > FORMULA_LIMITS.maxNodes) {
      this.fail(
        "TOO_MANY_NODES",
        `the formula has more than ${FORMULA_LIMITS.maxNodes} values and operators`,
        // Point at what was being added, not at a span covering the whole chain before it.
        node.kind === "binary" ? node.right : node,
        "split it into simpler formulas",
      );
    }
    return node;
  }

  expression(minPower: number): Node {
    this.depth++;
    if (this.depth > FORMULA_LIMITS.maxDepth) {
      this.fail(
        "NESTING_TOO_DEEP",
        `the formula nests deeper than ${FORMULA_LIMITS.maxDepth} levels`,
        this.current,
        "flatten it: fewer parentheses and nested calls",
      );
    }
    let left = this.prefix();
    // A comparison built in this loop is unparenthesised: another one would chain.
    let afterComparison = false;
    for (;;) {
      const token = this.current;
      if (token.kind !== "punct") break;
      if (token.text === "?") {
        if (TERNARY <= minPower) break;
        left = this.conditional(left);
        afterComparison = false;
        continue;
      }
      const power = INFIX.get(token.text);
      if (power === undefined || power <= minPower) break;
      const op = token.text as BinaryOp;
      this.advance();
      const right = this.expression(power);
      if (afterComparison && isComparison(op) && left.kind === "binary") this.chained(left, op, right);
      left = this.count<BinaryNode>({
        kind: "binary",
        op,
        left,
        right,
        opStart: token.start,
        start: left.start,
        end: right.end,
      });
      afterComparison = isComparison(op);
    }
    this.depth--;
    return left;
  }

  private chained(first: BinaryNode, op: BinaryOp, last: Node): never {
    const text = (node: Node): string => this.source.slice(node.start, node.end);
    const ordering = (o: BinaryOp): boolean => o === "<" || o === "<=" || o === ">" || o === ">=";
    // `a < b < c` reads as a range; `a > b == c > d` compares two conditions.
    const hint =
      ordering(first.op) && ordering(op)
        ? `write ${text(first)} && ${text(first.right)} ${op} ${text(last)}`
        : "compare values one at a time and combine the results with && or ||";
    this.fail(
      "CHAINED_COMPARISON",
      `comparisons do not chain: "${text(first)} ${op} ${text(last)}"`,
      { start: first.start, end: last.end },
      hint,
    );
  }

  private conditional(test: Node): Node {
    this.advance();
    const consequent = this.expression(0);
    const colon = this.current;
    if (colon.kind === "end") {
      this.fail(
        "UNEXPECTED_END",
        'the formula ends before the ":" of "condition ? a : b"',
        { start: this.previousEnd, end: this.previousEnd },
        `the "?" needs a ":" and a value for when the condition is false`,
      );
    }
    if (colon.text !== ":") {
      this.fail(
        "UNEXPECTED_TOKEN",
        `expected ":" for the "?", found ${describe(colon)}`,
        colon,
        "write condition ? a : b",
      );
    }
    this.advance();
    const alternate = this.expression(TERNARY - 1);
    return this.count({
      kind: "conditional",
      test,
      consequent,
      alternate,
      start: test.start,
      end: alternate.end,
    });
  }

  private prefix(): Node {
    const token = this.current;
    switch (token.kind) {
      case "money":
        this.advance();
        return this.count({
          kind: "money",
          cents: token.value,
          text: token.text,
          start: token.start,
          end: token.end,
        });
      case "number":
        this.advance();
        return this.count({
          kind: "number",
          value: token.value,
          text: token.text,
          start: token.start,
          end: token.end,
        });
      case "name":
        this.advance();
        if (this.current.kind === "punct" && this.current.text === "(") {
          return token.text === "balance" ? parseBalance(this, token) : parseCall(this, token);
        }
        return this.count({ kind: "name", name: token.text, start: token.start, end: token.end });
      case "alias":
        // Aliases are only lexed inside balance( … ), which reads them itself.
        return this.fail("UNEXPECTED_TOKEN", `unexpected ${describe(token)}`, token);
      case "end":
        return this.fail(
          "UNEXPECTED_END",
          "the formula ends where a value is expected",
          { start: this.previousEnd, end: this.previousEnd },
          "complete the expression",
        );
      case "punct":
        return this.punctPrefix(token);
    }
  }

  private punctPrefix(token: Extract<Token, { kind: "punct" }>): Node {
    switch (token.text) {
      case "(": {
        this.advance();
        const inner = this.expression(0);
        this.close(token, "the parenthesis");
        // The node keeps its kind but spans the parentheses, so `a * (b)` ends after ")".
        return { ...inner, start: token.start, end: this.previousEnd };
      }
      case "-":
      case "!": {
        this.advance();
        const operand = this.expression(PREFIX);
        return this.count({ kind: "unary", op: token.text, operand, start: token.start, end: operand.end });
      }
      default:
        return this.fail(
          "UNEXPECTED_TOKEN",
          `expected a value, found ${describe(token)}`,
          token,
          this.valueHint(token),
        );
    }
  }

  private valueHint(token: Token): string | undefined {
    const before = this.source.slice(0, token.start).trimEnd();
    if (token.text === "+") return "there is no unary +: remove it";
    if (token.text === "*" && before.endsWith("*")) return "there is no power operator";
    if (token.text === ")" && before.endsWith(",")) return "remove the trailing comma";
    if (token.text === ")" && before.endsWith("(")) return "empty parentheses: put a value inside";
    return undefined;
  }

  /** Consumes the ")" matching `open`, or explains why it is missing. */
  private close(open: Token, what: string): void {
    const token = this.current;
    if (token.kind === "punct" && token.text === ")") {
      this.advance();
      return;
    }
    if (token.kind === "end")
      this.fail("UNCLOSED_PAREN", `"(" is never closed`, open, `add ")" to close ${what}`);
    this.fail(
      "UNEXPECTED_TOKEN",
      `expected ")" to close ${what}, found ${describe(token)}`,
      token,
      trailingHint(token),
    );
  }
}
