import { formatMoney } from "@seqd/core";
import { MAX } from "./arith.js";
import { absF, negF } from "./arith-closures.js";
import type { ComparisonOp } from "./ast.js";
import { condBool, condNum } from "./choice-closures.js";
import type { BoolFn, Fail } from "./closure-kit.js";
import { cmpFF, cmpFK, cmpSK, FLIPPED } from "./compare-closures.js";
import { emitArithmetic, emitClamp, emitDivide, emitExtremum, emitPct } from "./emit-numeric.js";
import { type BoolOut, boolFnOf, fnOf, type NumOut } from "./emit-out.js";
import { type EnvState, REASON } from "./env.js";
import { type FormulaRuntimeCode, FormulaRuntimeError, type Span } from "./errors.js";
import type { BoolExpr, NumExpr, NumericType } from "./expr.js";
import { logicalChain, notF } from "./logic-closures.js";

const unbound = (): never => {
  throw new Error("internal: a balance or context read was evaluated while folding constants");
};

/**
 * Turns checked expressions into closures over an environment's value array.
 * Without `state` (at load time) it folds constants only: a constant
 * subexpression that fails (overflow, division by zero, crossed clamp bounds)
 * throws its FormulaRuntimeError, which the compiler reports as a load error.
 */
export class Emitter {
  constructor(
    private readonly source: string,
    private readonly state: EnvState | undefined,
  ) {}

  /** The error thrower for a node; the message is built now, the error only on failure. */
  failer(code: FormulaRuntimeCode, message: string, span: Span, alias?: string): Fail {
    return () => {
      throw new FormulaRuntimeError(code, message, span, alias);
    };
  }

  /** The source of a span, shortened for messages. */
  quote(span: Span): string {
    const text = this.source.slice(span.start, span.end).replace(/\s+/g, " ");
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }

  num(e: NumExpr): NumOut {
    switch (e.op) {
      case "const":
        return { k: "const", v: e.value };
      case "balance":
        return this.balance(e.alias, e.span);
      case "context":
        return this.context(e.name, e.index, e.span);
      case "neg": {
        const arg = this.num(e.arg);
        return arg.k === "const" ? { k: "const", v: 0 - arg.v } : { k: "fn", f: negF(fnOf(arg)) };
      }
      case "abs": {
        const arg = this.num(e.arg);
        return arg.k === "const" ? { k: "const", v: Math.abs(arg.v) } : { k: "fn", f: absF(fnOf(arg)) };
      }
      case "add":
      case "sub":
      case "mul":
        return emitArithmetic(e.op, this.num(e.left), this.num(e.right), this.overflow(e.span, e.type));
      case "round":
      case "floor":
      case "ceil":
        return emitDivide(this, e.op, this.num(e.num), this.num(e.den), e.divSpan);
      case "pct":
        return emitPct(e, this.num(e.amount), this.num(e.percent), this.overflow(e.span, "money"));
      case "min":
      case "max":
        return emitExtremum(
          e.op === "max",
          e.args.map((arg) => this.num(arg)),
        );
      case "clamp":
        return emitClamp(this, e, this.num(e.value), this.num(e.lo), this.num(e.hi));
      case "cond": {
        const test = this.bool(e.test);
        // A constant test selects its branch now; the other one is never evaluated.
        if (test.k === "const") return this.num(test.v ? e.consequent : e.otherwise);
        return { k: "fn", f: condNum(test.f, fnOf(this.num(e.consequent)), fnOf(this.num(e.otherwise))) };
      }
    }
  }

  bool(e: BoolExpr): BoolOut {
    switch (e.op) {
      case "cmp":
        return this.compare(e.cmp, this.num(e.left), this.num(e.right));
      case "and":
      case "or":
        return this.logical(e.op === "and", e);
      case "not": {
        const arg = this.bool(e.arg);
        return arg.k === "const" ? { k: "const", v: !arg.v } : { k: "fn", f: notF(arg.f) };
      }
      case "cond": {
        const test = this.bool(e.test);
        if (test.k === "const") return this.bool(test.v ? e.consequent : e.otherwise);
        return {
          k: "fn",
          f: condBool(test.f, boolFnOf(this.bool(e.consequent)), boolFnOf(this.bool(e.otherwise))),
        };
      }
    }
  }

  private balance(alias: string, span: Span): NumOut {
    const state = this.state;
    if (state === undefined) return { k: "fn", f: unbound };
    const index = state.slots.get(alias);
    if (index === undefined) {
      throw new FormulaRuntimeError(
        "ACCOUNT_NOT_BOUND",
        `the environment has no account "${alias}" (bind the formula to an environment created with it)`,
        span,
        alias,
      );
    }
    const reasons = state.reasons;
    const missing = this.failer(
      "BALANCE_MISSING",
      `balance(${alias}) has no successful reading`,
      span,
      alias,
    );
    const stale = this.failer(
      "BALANCE_STALE",
      `balance(${alias}) is stale (older than polling.staleAfter)`,
      span,
      alias,
    );
    const miss = (): never => (reasons[index] === REASON.stale ? stale() : missing());
    return { k: "slot", slot: { values: state.values, index, miss } };
  }

  private context(name: string, offset: number, span: Span): NumOut {
    const state = this.state;
    if (state === undefined) return { k: "fn", f: unbound };
    const miss = this.failer(
      "CONTEXT_MISSING",
      `${name} was not set: the caller supplies the context values`,
      span,
    );
    return { k: "slot", slot: { values: state.values, index: state.contextBase + offset, miss } };
  }

  private overflow(span: Span, type: NumericType): Fail {
    const limit = type === "money" ? formatMoney(MAX) : "9,007,199,254,740,991";
    return this.failer(
      "OVERFLOW",
      `"${this.quote(span)}" is beyond ±${limit}, where integers stop being exact`,
      span,
    );
  }

  private compare(op: ComparisonOp, l: NumOut, r: NumOut): BoolOut {
    if (l.k === "const" && r.k === "const") {
      return { k: "const", v: compareValues(op, l.v, r.v) };
    }
    const [a, b, cmp] = r.k === "const" ? [l, r, op] : l.k === "const" ? [r, l, FLIPPED[op]] : [l, r, op];
    if (b.k !== "const") return { k: "fn", f: cmpFF(cmp, fnOf(a), fnOf(b)) };
    return { k: "fn", f: a.k === "slot" ? cmpSK(cmp, a.slot, b.v) : cmpFK(cmp, fnOf(a), b.v) };
  }

  /**
   * A flattened `&&`/`||` chain. Constants fold as evaluation would: in an
   * `&&` chain `true` drops out and `false` ends the chain (operands before it
   * still run, since they can fail); `||` mirrors that.
   */
  private logical(isAnd: boolean, e: BoolExpr): BoolOut {
    const operands: BoolFn[] = [];
    for (const operand of flatten(isAnd ? "and" : "or", e)) {
      const out = this.bool(operand);
      if (out.k === "fn") {
        operands.push(out.f);
        continue;
      }
      if (out.v === isAnd) continue;
      if (operands.length === 0) return out;
      operands.push(boolFnOf(out));
      break;
    }
    const [only] = operands;
    if (only === undefined) return { k: "const", v: isAnd };
    return { k: "fn", f: operands.length === 1 ? only : logicalChain(isAnd, operands) };
  }
}

function compareValues(op: ComparisonOp, a: number, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "==":
      return a === b;
    case "!=":
      return a !== b;
  }
}

/** The operands of a chain of one logical operator, left to right. */
function flatten(op: "and" | "or", e: BoolExpr): BoolExpr[] {
  return e.op === op ? [...flatten(op, e.left), ...flatten(op, e.right)] : [e];
}
