/** Compiles the numeric operators and functions, choosing the closure for each operand shape. */
import { formatMoney } from "@seqd/core";
import { ceilQuotient, floorQuotient, MAX, roundQuotient } from "./arith.js";
import {
  addFF,
  addFK,
  addSK,
  addSS,
  mulFF,
  mulFK,
  mulSK,
  subFF,
  subKF,
  subKS,
  subSS,
} from "./arith-closures.js";
import { lowerBound, nonNegative } from "./bounds.js";
import {
  clampFFF,
  clampFKFProven,
  clampFKK,
  clampSKK,
  extremumN,
  maxFF,
  maxFK,
  maxSK,
  minFF,
  minFK,
  minSK,
} from "./choice-closures.js";
import type { Fail, NumFn } from "./closure-kit.js";
import { divideFF, divideFK, pctFK, pctNonNegativeFK, type Rounding } from "./divide-closures.js";
import type { Emitter } from "./emit.js";
import { fnOf, type NumOut } from "./emit-out.js";
import { FormulaRuntimeError, type Span } from "./errors.js";
import type { NumExpr } from "./expr.js";

const QUOTIENT: Readonly<Record<Rounding, (num: number, den: number) => number>> = {
  round: roundQuotient,
  floor: floorQuotient,
  ceil: ceilQuotient,
};

/** `+ - *`: folded when both sides are constant, else the closure for the operand shapes. */
export function emitArithmetic(op: "add" | "sub" | "mul", l: NumOut, r: NumOut, fail: Fail): NumOut {
  if (l.k === "const" && r.k === "const") {
    const v = op === "add" ? l.v + r.v : op === "sub" ? l.v - r.v : l.v * r.v;
    if (v > MAX || v < -MAX) fail();
    return { k: "const", v: v + 0 };
  }
  return { k: "fn", f: op === "sub" ? subtract(l, r, fail) : emitCommutative(op, l, r, fail) };
}

/** `+` and `*`: a constant operand may sit on either side; operands are read left to right. */
export function emitCommutative(op: "add" | "mul", l: NumOut, r: NumOut, fail: Fail): NumFn {
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

function subtract(l: NumOut, r: NumOut, fail: Fail): NumFn {
  if (r.k === "const") return l.k === "slot" ? addSK(l.slot, 0 - r.v, fail) : addFK(fnOf(l), 0 - r.v, fail);
  if (l.k === "const") return r.k === "slot" ? subKS(l.v, r.slot, fail) : subKF(l.v, fnOf(r), fail);
  if (l.k === "slot" && r.k === "slot") return subSS(l.slot, r.slot, fail);
  return subFF(fnOf(l), fnOf(r), fail);
}

/** `round|floor|ceil(num / den)`. */
export function emitDivide(
  emitter: Emitter,
  mode: Rounding,
  num: NumOut,
  den: NumOut,
  divSpan: Span,
): NumOut {
  const byZero = emitter.failer("DIVISION_BY_ZERO", `"${emitter.quote(divSpan)}" divides by zero`, divSpan);
  if (den.k !== "const") return { k: "fn", f: divideFF(mode, fnOf(num), fnOf(den), byZero) };
  // A constant zero denominator fails on every evaluation: report it at load.
  if (den.v === 0) byZero();
  if (num.k === "const") return { k: "const", v: QUOTIENT[mode](num.v, den.v) };
  return { k: "fn", f: divideFK(mode, fnOf(num), den.v) };
}

/** `pct(amount, percent)`. */
export function emitPct(
  e: Extract<NumExpr, { op: "pct" }>,
  amount: NumOut,
  percent: NumOut,
  fail: Fail,
): NumOut {
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

/** `min(…)` and `max(…)`. */
export function emitExtremum(isMax: boolean, args: readonly NumOut[]): NumOut {
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

/** `clamp(value, lo, hi)`, without the crossing check when lo ≤ hi is known at load. */
export function emitClamp(
  emitter: Emitter,
  e: Extract<NumExpr, { op: "clamp" }>,
  value: NumOut,
  lo: NumOut,
  hi: NumOut,
): NumOut {
  const { type, span, hi: hiExpr } = e;
  const text = emitter.quote(span);
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
