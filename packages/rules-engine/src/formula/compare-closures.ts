import type { ComparisonOp } from "./ast.js";
import type { BoolFn, NumFn } from "./closures.js";

/** `k op x` is `x flip(op) k`, so constants only ever sit on the right. */
export const FLIPPED: Readonly<Record<ComparisonOp, ComparisonOp>> = {
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
  "==": "==",
  "!=": "!=",
};

/** `a op b`, both computed. */
export function compareFn(op: ComparisonOp, a: NumFn, b: NumFn): BoolFn {
  switch (op) {
    case "<":
      return () => a() < b();
    case "<=":
      return () => a() <= b();
    case ">":
      return () => a() > b();
    case ">=":
      return () => a() >= b();
    case "==":
      return () => a() === b();
    case "!=":
      return () => a() !== b();
  }
}

/** `a op k` with a constant right side. */
export function compareConst(op: ComparisonOp, a: NumFn, k: number): BoolFn {
  switch (op) {
    case "<":
      return () => a() < k;
    case "<=":
      return () => a() <= k;
    case ">":
      return () => a() > k;
    case ">=":
      return () => a() >= k;
    case "==":
      return () => a() === k;
    case "!=":
      return () => a() !== k;
  }
}
