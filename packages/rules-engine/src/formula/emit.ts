import { formatMoney } from "@seqd/core";
import { ceilQuotient, floorQuotient, MAX, roundQuotient } from "./arith.js";
import {
  absF,
  addFF,
  addFK,
  addSK,
  addSS,
  mulFF,
  mulFK,
  mulSK,
  negF,
  readS,
  subFF,
  subKF,
  subKS,
  subSS,
} from "./arith-closures.js";
import type { ComparisonOp } from "./ast.js";
import { lowerBound, nonNegative } from "./bounds.js";
import {
  clampFFF,
  clampFKFProven,
  clampFKK,
  clampSKK,
  condBool,
  condNum,
  extremumN,
  maxFF,
  maxFK,
  maxSK,
  minFF,
  minFK,
  minSK,
} from "./choice-closures.js";
import type { BoolFn, Fail, NumFn, Slot } from "./closure-kit.js";
import { cmpFF, cmpFK, cmpSK, FLIPPED } from "./compare-closures.js";
import { divideFF, divideFK, pctFK, pctNonNegativeFK, type Rounding } from "./divide-closures.js";
import { type EnvState, REASON } from "./env.js";
import { type FormulaRuntimeCode, FormulaRuntimeError, type Span } from "./errors.js";
import type { BoolExpr, NumExpr, NumericType } from "./expr.js";
import { logicalChain, notF } from "./logic-closures.js";

/**
 * A compiled numeric subexpression: a folded constant, a slot of the value
 * array (read in place by the parent), or a closure.
 *
 * Invariant: no value is ever −0 (constants and balances are normalized,
 * negation is `0 - x`, products and quotients add `+ 0`), so a money result
 * is always a plain integer.
 */
export type NumOut =
  | { readonly k: "const"; readonly v: number }
  | { readonly k: "slot"; readonly slot: Slot }
  | { readonly k: "fn"; readonly f: NumFn };

/** A compiled condition: a folded constant or a closure. */
export type BoolOut = { readonly k: "const"; readonly v: boolean } | { readonly k: "fn"; readonly f: BoolFn };

const QUOTIENT: Readonly<Record<Rounding, (num: number, den: number) => number>> = {
  round: roundQuotient,
  floor: floorQuotient,
  ceil: ceilQuotient,
};

const unbound = (): never => {
  throw new Error("internal: a balance or context read was evaluated while folding constants");
};

/** Any operand as a closure. */
export function fnOf(out: NumOut): NumFn {
  switch (out.k) {
    case "const": {
      const v = out.v;
      return () => v;
    }
    case "slot":
      return readS(out.slot);
    case "fn":
      return out.f;
  }
}

function boolFnOf(out: BoolOut): BoolFn {
  if (out.k === "fn") return out.f;
  const v = out.v;
  return () => v;
}

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
        return this.arithmetic(e.op, this.num(e.left), this.num(e.right), this.overflow(e.span, e.type));
      case "round":
      case "floor":
      case "ceil":
        return this.divide(e.op, this.num(e.num), this.num(e.den), e.divSpan);
      case "pct":
        return this.pct(e, this.num(e.amount), this.num(e.percent), this.overflow(e.span, "money"));
      case "min":
      case "max":
        return this.extremum(
          e.op === "max",
          e.args.map((arg) => this.num(arg)),
        );
      case "clamp":
        return this.clamp(e, this.num(e.value), this.num(e.lo), this.num(e.hi));
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

  private arithmetic(op: "add" | "sub" | "mul", l: NumOut, r: NumOut, fail: Fail): NumOut {
    if (l.k === "const" && r.k === "const") {
      const v = op === "add" ? l.v + r.v : op === "sub" ? l.v - r.v : l.v * r.v;
      if (v > MAX || v < -MAX) fail();
      return { k: "const", v: v + 0 };
    }
    return { k: "fn", f: op === "sub" ? this.subtract(l, r, fail) : this.commutative(op, l, r, fail) };
  }

  /** `+` and `*`: a constant operand may sit on either side; operands are read left to right. */
  private commutative(op: "add" | "mul", l: NumOut, r: NumOut, fail: Fail): NumFn {
    const constant = r.k === "const" ? r : l.k === "const" ? l : undefined;
    const other = constant === r ? l : r;
    if (constant !== undefined) {
      if (other.k === "slot")
        return op === "add" ? addSK(other.slot, constant.v, fail) : mulSK(other.slot, constant.v, fail);
      return op === "add" ? addFK(fnOf(other), constant.v, fail) : mulFK(fnOf(other), constant.v, fail);
    }
    if (op === "add" && l.k === "slot" && r.k === "slot") return addSS(l.slot, r.slot, fail);
    return op === "add" ? addFF(fnOf(l), fnOf(r), fail) : mulFF(fnOf(l), fnOf(r), fail);
  }

  private subtract(l: NumOut, r: NumOut, fail: Fail): NumFn {
    if (r.k === "const") return l.k === "slot" ? addSK(l.slot, 0 - r.v, fail) : addFK(fnOf(l), 0 - r.v, fail);
    if (l.k === "const") return r.k === "slot" ? subKS(l.v, r.slot, fail) : subKF(l.v, fnOf(r), fail);
    if (l.k === "slot" && r.k === "slot") return subSS(l.slot, r.slot, fail);
    return subFF(fnOf(l), fnOf(r), fail);
  }

  private divide(mode: Rounding, num: NumOut, den: NumOut, divSpan: Span): NumOut {
    const byZero = this.failer("DIVISION_BY_ZERO", `"${this.quote(divSpan)}" divides by zero`, divSpan);
    if (den.k !== "const") return { k: "fn", f: divideFF(mode, fnOf(num), fnOf(den), byZero) };
    // A constant zero denominator fails on every evaluation: report it at load.
    if (den.v === 0) byZero();
    if (num.k === "const") return { k: "const", v: QUOTIENT[mode](num.v, den.v) };
    return { k: "fn", f: divideFK(mode, fnOf(num), den.v) };
  }

  private pct(e: Extract<NumExpr, { op: "pct" }>, amount: NumOut, percent: NumOut, fail: Fail): NumOut {
    if (amount.k === "const" && percent.k === "const") {
      const product = amount.v * percent.v;
      if (product > MAX || product < -MAX) fail();
      return { k: "const", v: roundQuotient(product, 100) };
    }
    if (percent.k !== "const") {
      // pct(a, p) is round(a * p / 100).
      return { k: "fn", f: divideFK("round", mulFF(fnOf(amount), fnOf(percent), fail), 100) };
    }
    const f =
      percent.v >= 0 && nonNegative(e.amount)
        ? pctNonNegativeFK(fnOf(amount), percent.v, fail)
        : pctFK(fnOf(amount), percent.v, fail);
    return { k: "fn", f };
  }

  private extremum(isMax: boolean, args: readonly NumOut[]): NumOut {
    if (args.every((arg) => arg.k === "const")) {
      const values = args.map((arg) => (arg.k === "const" ? arg.v : 0));
      return { k: "const", v: isMax ? Math.max(...values) : Math.min(...values) };
    }
    const [first, second] = args;
    if (args.length !== 2 || first === undefined || second === undefined) {
      return { k: "fn", f: extremumN(args.map(fnOf), isMax) };
    }
    const [a, b] = second.k === "const" ? [first, second] : [second, first];
    if (b.k === "const") {
      if (a.k === "slot") return { k: "fn", f: (isMax ? maxSK : minSK)(a.slot, b.v) };
      return { k: "fn", f: (isMax ? maxFK : minFK)(fnOf(a), b.v) };
    }
    return { k: "fn", f: (isMax ? maxFF : minFF)(fnOf(first), fnOf(second)) };
  }

  private clamp(e: Extract<NumExpr, { op: "clamp" }>, value: NumOut, lo: NumOut, hi: NumOut): NumOut {
    const { type, span, hi: hiExpr } = e;
    const text = this.quote(span);
    const show = (v: number): string => (type === "money" ? formatMoney(v) : String(v));
    const crossed = (l: number, h: number): never => {
      throw new FormulaRuntimeError(
        "CLAMP_BOUNDS_CROSSED",
        `clamp bounds are crossed in "${text}": lo ${show(l)} is above hi ${show(h)}`,
        span,
      );
    };
    if (lo.k !== "const") return { k: "fn", f: clampFFF(fnOf(value), fnOf(lo), fnOf(hi), crossed) };
    if (hi.k !== "const") {
      // Bounds that cannot cross (e.g. `max(…, $0)` above `$0`) need no check.
      const proven = (lowerBound(hiExpr) ?? Number.NEGATIVE_INFINITY) >= lo.v;
      return proven
        ? { k: "fn", f: clampFKFProven(fnOf(value), lo.v, fnOf(hi)) }
        : { k: "fn", f: clampFFF(fnOf(value), fnOf(lo), fnOf(hi), crossed) };
    }
    // Constant crossed bounds fail on every evaluation: report them at load.
    if (lo.v > hi.v) crossed(lo.v, hi.v);
    switch (value.k) {
      case "const":
        return { k: "const", v: Math.min(Math.max(value.v, lo.v), hi.v) };
      case "slot":
        return { k: "fn", f: clampSKK(value.slot, lo.v, hi.v) };
      case "fn":
        return { k: "fn", f: clampFKK(value.f, lo.v, hi.v) };
    }
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
