import { formatMoney } from "@seqd/core";
import {
  absFn,
  addConst,
  addFn,
  andFn,
  type BoolFn,
  clampConst,
  clampFn,
  condBool,
  condNum,
  divideConst,
  divideFn,
  extremumFn,
  type Fail,
  maxConst,
  maxFn,
  minConst,
  minFn,
  mulConst,
  mulFn,
  type NumFn,
  negFn,
  notFn,
  orFn,
  pctConst,
  pctFn,
  subFn,
  subFromConst,
} from "./closures.js";
import { compareConst, compareFn, FLIPPED } from "./compare-closures.js";
import { type EnvState, REASON } from "./env.js";
import { type FormulaRuntimeCode, FormulaRuntimeError, type Span } from "./errors.js";
import type { BoolExpr, NumExpr, NumericType } from "./expr.js";

/** A compiled numeric subexpression: a folded constant or a closure. */
export type NumOut = { readonly c: true; readonly v: number } | { readonly c: false; readonly f: NumFn };
/** A compiled condition: a folded constant or a closure. */
export type BoolOut = { readonly c: true; readonly v: boolean } | { readonly c: false; readonly f: BoolFn };

const constant =
  (v: number): NumFn =>
  () =>
    v;

const closure = (out: NumOut): NumFn => (out.c ? constant(out.v) : out.f);
const boolClosure = (out: BoolOut): BoolFn => {
  if (!out.c) return out.f;
  const v = out.v;
  return () => v;
};

/** Runs a closure over constants now: errors surface at load time. */
const fold = (f: NumFn): NumOut => ({ c: true, v: f() });

const unbound = (): never => {
  throw new Error("internal: a balance or context read was evaluated while folding constants");
};

/**
 * Turns checked expressions into closures over an environment's arrays.
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
        return { c: true, v: e.value };
      case "balance":
        return this.balance(e.alias, e.span);
      case "context":
        return this.context(e.name, e.index, e.span);
      case "neg": {
        const arg = this.num(e.arg);
        return arg.c ? { c: true, v: -arg.v } : { c: false, f: negFn(arg.f) };
      }
      case "abs": {
        const arg = this.num(e.arg);
        return arg.c ? { c: true, v: Math.abs(arg.v) } : { c: false, f: absFn(arg.f) };
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
        return this.pct(this.num(e.amount), this.num(e.percent), this.overflow(e.span, "money"));
      case "min":
      case "max":
        return this.extremum(
          e.op === "max",
          e.args.map((arg) => this.num(arg)),
        );
      case "clamp":
        return this.clamp(e.type, this.num(e.value), this.num(e.lo), this.num(e.hi), e.span);
      case "cond": {
        const test = this.bool(e.test);
        // A constant test selects its branch now; the other one is never evaluated.
        if (test.c) return this.num(test.v ? e.consequent : e.otherwise);
        return {
          c: false,
          f: condNum(test.f, closure(this.num(e.consequent)), closure(this.num(e.otherwise))),
        };
      }
    }
  }

  bool(e: BoolExpr): BoolOut {
    switch (e.op) {
      case "cmp": {
        const left = this.num(e.left);
        const right = this.num(e.right);
        if (left.c && right.c) return { c: true, v: compareConst(e.cmp, constant(left.v), right.v)() };
        if (right.c) return { c: false, f: compareConst(e.cmp, closure(left), right.v) };
        if (left.c) return { c: false, f: compareConst(FLIPPED[e.cmp], closure(right), left.v) };
        return { c: false, f: compareFn(e.cmp, left.f, right.f) };
      }
      case "and":
      case "or": {
        const left = this.bool(e.left);
        const isAnd = e.op === "and";
        // A constant left side decides or defers exactly as evaluation would.
        if (left.c) return left.v === isAnd ? this.bool(e.right) : { c: true, v: left.v };
        const right = boolClosure(this.bool(e.right));
        return { c: false, f: isAnd ? andFn(left.f, right) : orFn(left.f, right) };
      }
      case "not": {
        const arg = this.bool(e.arg);
        return arg.c ? { c: true, v: !arg.v } : { c: false, f: notFn(arg.f) };
      }
      case "cond": {
        const test = this.bool(e.test);
        if (test.c) return this.bool(test.v ? e.consequent : e.otherwise);
        return {
          c: false,
          f: condBool(test.f, boolClosure(this.bool(e.consequent)), boolClosure(this.bool(e.otherwise))),
        };
      }
    }
  }

  private balance(alias: string, span: Span): NumOut {
    const state = this.state;
    if (state === undefined) return { c: false, f: unbound };
    const slot = state.slots.get(alias);
    if (slot === undefined) {
      throw new FormulaRuntimeError(
        "ACCOUNT_NOT_BOUND",
        `the environment has no account "${alias}" (bind the formula to an environment created with it)`,
        span,
        alias,
      );
    }
    const cents = state.cents;
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
    const unavailable = (): never => (reasons[slot] === REASON.stale ? stale() : missing());
    return {
      c: false,
      f: () => {
        const v = cents[slot]!;
        if (Number.isNaN(v)) unavailable();
        return v;
      },
    };
  }

  private context(name: string, index: number, span: Span): NumOut {
    const state = this.state;
    if (state === undefined) return { c: false, f: unbound };
    const values = state.context;
    const missing = this.failer(
      "CONTEXT_MISSING",
      `${name} was not set: the caller supplies the context values`,
      span,
    );
    return {
      c: false,
      f: () => {
        const v = values[index]!;
        if (Number.isNaN(v)) missing();
        return v;
      },
    };
  }

  private overflow(span: Span, type: NumericType): Fail {
    const limit = type === "money" ? formatMoney(Number.MAX_SAFE_INTEGER) : "9,007,199,254,740,991";
    return this.failer(
      "OVERFLOW",
      `"${this.quote(span)}" is beyond ±${limit}, where integers stop being exact`,
      span,
    );
  }

  private arithmetic(op: "add" | "sub" | "mul", left: NumOut, right: NumOut, fail: Fail): NumOut {
    if (left.c && right.c) {
      const [a, b] = [constant(left.v), constant(right.v)];
      return fold(op === "add" ? addFn(a, b, fail) : op === "sub" ? subFn(a, b, fail) : mulFn(a, b, fail));
    }
    if (right.c && !left.c) {
      const f =
        op === "mul"
          ? mulConst(left.f, right.v, fail)
          : addConst(left.f, op === "add" ? right.v : -right.v, fail);
      return { c: false, f };
    }
    if (left.c && !right.c) {
      const f =
        op === "sub"
          ? subFromConst(left.v, right.f, fail)
          : (op === "add" ? addConst : mulConst)(right.f, left.v, fail);
      return { c: false, f };
    }
    const [a, b] = [closure(left), closure(right)];
    return {
      c: false,
      f: op === "add" ? addFn(a, b, fail) : op === "sub" ? subFn(a, b, fail) : mulFn(a, b, fail),
    };
  }

  private divide(mode: "round" | "floor" | "ceil", num: NumOut, den: NumOut, divSpan: Span): NumOut {
    const byZero = this.failer("DIVISION_BY_ZERO", `"${this.quote(divSpan)}" divides by zero`, divSpan);
    if (den.c) {
      // A constant zero denominator fails on every evaluation: report it at load.
      if (den.v === 0) byZero();
      const f = divideConst(mode, closure(num), den.v);
      return num.c ? fold(f) : { c: false, f };
    }
    return { c: false, f: divideFn(mode, closure(num), den.f, byZero) };
  }

  private pct(amount: NumOut, percent: NumOut, fail: Fail): NumOut {
    if (percent.c) {
      const f = pctConst(closure(amount), percent.v, fail);
      return amount.c ? fold(f) : { c: false, f };
    }
    return { c: false, f: pctFn(closure(amount), percent.f, fail) };
  }

  private extremum(isMax: boolean, args: readonly NumOut[]): NumOut {
    if (args.every((arg) => arg.c)) {
      return fold(extremumFn(args.map(closure), isMax));
    }
    const [first, second] = args;
    if (args.length === 2 && first !== undefined && second !== undefined) {
      if (second.c && !first.c) return { c: false, f: (isMax ? maxConst : minConst)(first.f, second.v) };
      if (first.c && !second.c) return { c: false, f: (isMax ? maxConst : minConst)(second.f, first.v) };
      return { c: false, f: (isMax ? maxFn : minFn)(closure(first), closure(second)) };
    }
    return { c: false, f: extremumFn(args.map(closure), isMax) };
  }

  private clamp(type: NumericType, value: NumOut, lo: NumOut, hi: NumOut, span: Span): NumOut {
    const text = this.quote(span);
    const show = (v: number): string => (type === "money" ? formatMoney(v) : String(v));
    const crossed = (l: number, h: number): never => {
      throw new FormulaRuntimeError(
        "CLAMP_BOUNDS_CROSSED",
        `clamp bounds are crossed in "${text}": lo ${show(l)} is above hi ${show(h)}`,
        span,
      );
    };
    if (lo.c && hi.c) {
      // Constant crossed bounds fail on every evaluation: report them at load.
      if (lo.v > hi.v) crossed(lo.v, hi.v);
      const f = clampConst(closure(value), lo.v, hi.v);
      return value.c ? fold(f) : { c: false, f };
    }
    return { c: false, f: clampFn(closure(value), closure(lo), closure(hi), crossed) };
  }
}
