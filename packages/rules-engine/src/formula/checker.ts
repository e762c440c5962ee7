import { didYouMean } from "@seqd/core";
import { type BalanceNode, type BinaryNode, type NameNode, type Node, spanOf as span } from "./ast.js";
import { CALLABLE_NAMES, CONTEXT, type ContextName, FUNCTIONS } from "./builtins.js";
import { checkCall } from "./check-calls.js";
import { checkBinary, checkConditional, checkUnary } from "./check-operators.js";
import { type FormulaError, type FormulaErrorCode, formulaError, type Span } from "./errors.js";
import type { BoolExpr, NumExpr, NumericType } from "./expr.js";
import { describeType, moneyLiteralHint, quoteOr } from "./type-hints.js";

/** A checked expression with its type; `ratio` is an unrounded division. */
export type Typed =
  | { readonly type: NumericType; readonly expr: NumExpr }
  | { readonly type: "bool"; readonly expr: BoolExpr }
  | {
      readonly type: "ratio";
      readonly of: NumericType;
      readonly num: NumExpr;
      readonly den: NumExpr;
      readonly node: BinaryNode;
    };

/** A checked formula's root: money for amounts, bool for conditions. */
export type CheckedRoot =
  | { readonly type: "money"; readonly expr: NumExpr }
  | { readonly type: "bool"; readonly expr: BoolExpr };

/** What the checker learned: the typed root (null after errors) and what it reads. */
export interface CheckResult {
  readonly root: CheckedRoot | null;
  readonly errors: readonly FormulaError[];
  readonly aliases: readonly string[];
  readonly context: readonly ContextName[];
}

/**
 * Resolves names and checks types, collecting every error, then checks the
 * result type against `expect`. A subtree with an error checks as null and
 * silences its parents, so one mistake is reported once.
 */
export function checkFormula(
  source: string,
  node: Node,
  options: { readonly accounts: readonly string[]; readonly expect: "money" | "bool" },
): CheckResult {
  const checker = new Checker(source, options.accounts);
  const typed = checker.check(node);
  const root = typed === null ? null : checker.root(typed, node, options.expect);
  return {
    root: checker.errors.length === 0 ? root : null,
    errors: [...checker.errors].sort((a, b) => a.start - b.start),
    aliases: [...checker.aliases],
    context: [...checker.contexts],
  };
}

/** Shared by the check-*.ts modules; not exported from the package. */
export class Checker {
  readonly errors: FormulaError[] = [];
  readonly aliases = new Set<string>();
  readonly contexts = new Set<ContextName>();
  private readonly accountSet: ReadonlySet<string>;

  constructor(
    readonly source: string,
    private readonly accounts: readonly string[],
  ) {
    this.accountSet = new Set(accounts);
  }

  /** did-you-mean, skipped for names too long to be a typo (it costs length × candidates). */
  suggest(word: string, candidates: readonly string[]): string | undefined {
    return word.length > 64 ? undefined : didYouMean(word, candidates);
  }

  report(code: FormulaErrorCode, message: string, at: Span, hint?: string): null {
    this.errors.push(formulaError(code, message, at, hint));
    return null;
  }

  check(node: Node): Typed | null {
    switch (node.kind) {
      case "money":
        return { type: "money", expr: { op: "const", type: "money", value: node.cents, span: span(node) } };
      case "number":
        return { type: "number", expr: { op: "const", type: "number", value: node.value, span: span(node) } };
      case "name":
        return this.name(node);
      case "balance":
        return this.balance(node);
      case "call":
        return checkCall(this, node);
      case "unary":
        return checkUnary(this, node);
      case "binary":
        return checkBinary(this, node);
      case "conditional":
        return checkConditional(this, node);
    }
  }

  /** The whole formula must be money (an amount) or a condition (a when:). */
  root(typed: Typed, node: Node, expect: "money" | "bool"): CheckedRoot | null {
    if (typed.type === "ratio") return this.unrounded(typed);
    if (expect === "money" && typed.type === "money") return { type: "money", expr: typed.expr };
    if (expect === "bool" && typed.type === "bool") return typed;
    const at = span(node);
    if (expect === "bool") {
      const example = typed.type === "money" ? "> $0" : "== 1";
      return this.report(
        "WRONG_RESULT_TYPE",
        `a condition must be true or false, but this formula is ${describeType(typed.type)}`,
        at,
        `compare it, e.g. ${quoteOr(this.source, node, typed.type === "money" ? "balance(checking)" : "day_of_week")} ${example}`,
      );
    }
    return this.report(
      "WRONG_RESULT_TYPE",
      `an amount must be money, but this formula is ${describeType(typed.type)}`,
      at,
      typed.type === "bool"
        ? "conditions belong in a trigger's when:; for a conditional amount write condition ? $a : $b"
        : (moneyLiteralHint(node) ??
            "money comes from balance() and $ literals; money times a number is money"),
    );
  }

  /** Reports an unrounded division used where a whole value is needed. */
  unrounded(ratio: Extract<Typed, { type: "ratio" }>, hint?: string): null {
    const text = quoteOr(this.source, ratio.node, "a / b");
    return this.report(
      "UNROUNDED_DIVISION",
      `a division must be rounded: "${text}"`,
      span(ratio.node),
      hint ?? `write round(${text}) (half away from zero), floor(…) or ceil(…)`,
    );
  }

  /** A money or number operand, reporting ratios and conditions with `what` as context. */
  numeric(typed: Typed | null, node: Node, what: string): Extract<Typed, { type: NumericType }> | null {
    if (typed === null) return null;
    if (typed.type === "ratio") return this.unrounded(typed);
    if (typed.type === "bool") {
      return this.report(
        "TYPE_MISMATCH",
        `${what} takes money or a number, got a condition`,
        span(node),
        "to choose between values write condition ? a : b",
      );
    }
    return typed;
  }

  /** A condition operand; money and numbers get a "compare it" hint. */
  condition(typed: Typed | null, node: Node, what: string): BoolExpr | null {
    if (typed === null) return null;
    if (typed.type === "bool") return typed.expr;
    if (typed.type === "ratio") return this.unrounded(typed);
    const example = typed.type === "money" ? "> $0" : "== 1";
    const subject =
      node.kind === "number" || node.kind === "money" ? undefined : quoteOr(this.source, node, "");
    return this.report(
      "TYPE_MISMATCH",
      `${what} needs a condition, got ${describeType(typed.type)}`,
      span(node),
      subject
        ? `compare it, e.g. ${subject} ${example}`
        : "write a full comparison on each side, e.g. day_of_week == 1 || day_of_week == 5",
    );
  }

  private name(node: NameNode): Typed | null {
    const context = CONTEXT.get(node.name);
    if (context !== undefined) {
      this.contexts.add(context.name);
      return {
        type: "number",
        expr: { op: "context", type: "number", name: context.name, index: context.index, span: span(node) },
      };
    }
    const name = node.name;
    if (this.accountSet.has(name)) {
      return this.report(
        "UNKNOWN_NAME",
        `"${name}" is an account, not a value`,
        span(node),
        `write balance(${name})`,
      );
    }
    if (name === "balance" || FUNCTIONS.has(name)) {
      return this.report(
        "UNKNOWN_NAME",
        `"${name}" is a function, not a value`,
        span(node),
        `call it: ${name}(…)`,
      );
    }
    const keyword = KEYWORD_HINTS.get(name);
    if (keyword !== undefined)
      return this.report("UNKNOWN_NAME", `unknown name "${name}"`, span(node), keyword);
    const suggestion = this.suggest(name, [...CONTEXT.keys(), ...this.accounts, ...CALLABLE_NAMES]);
    let hint = `the values are ${[...CONTEXT.keys()].join(", ")}; balances are read with balance(alias)`;
    if (suggestion !== undefined) {
      if (CONTEXT.has(suggestion)) hint = `did you mean ${suggestion}?`;
      else if (this.accountSet.has(suggestion)) hint = `did you mean balance(${suggestion})?`;
      else hint = `did you mean ${suggestion}(…)?`;
    }
    return this.report("UNKNOWN_NAME", `unknown name "${name}"`, span(node), hint);
  }

  private balance(node: BalanceNode): Typed | null {
    const alias = node.alias;
    const at = { start: node.aliasStart, end: node.aliasEnd };
    if (!this.accountSet.has(alias)) {
      const suggestion = this.suggest(alias, this.accounts);
      let hint: string;
      if (suggestion !== undefined) hint = `did you mean "${suggestion}"?`;
      else if (this.accounts.length === 0) hint = "define it under accounts:";
      else
        hint = `known accounts: ${this.accounts.slice(0, 10).join(", ")}${this.accounts.length > 10 ? ", …" : ""}`;
      return this.report("UNKNOWN_ACCOUNT", `unknown account "${alias}"`, at, hint);
    }
    this.aliases.add(alias);
    return { type: "money", expr: { op: "balance", type: "money", alias, span: span(node) } };
  }
}

const KEYWORD_HINTS: ReadonlyMap<string, string> = new Map([
  ["and", "write && for and"],
  ["or", "write || for or"],
  ["not", "write ! for not"],
  ["true", "there are no true/false literals: write the condition itself"],
  ["false", "there are no true/false literals: write the condition itself"],
  ["if", "write condition ? a : b"],
]);
