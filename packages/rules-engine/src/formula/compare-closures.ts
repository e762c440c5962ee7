import type { ComparisonOp } from "./ast.js";
import type { BoolFn, NumFn, Slot } from "./closure-kit.js";

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
export function cmpFF(op: ComparisonOp, a: NumFn, b: NumFn): BoolFn {
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

/** `a op k`. */
export function cmpFK(op: ComparisonOp, a: NumFn, k: number): BoolFn {
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

/** `slot op k`: the most common condition, `balance(checking) > $2_000` or `day_of_week == 1`. */
export function cmpSK(op: ComparisonOp, { values, index, miss }: Slot, k: number): BoolFn {
  switch (op) {
    case "<":
      return () => {
        const x = values[index]!;
        if (Number.isNaN(x)) miss();
        return x < k;
      };
    case "<=":
      return () => {
        const x = values[index]!;
        if (Number.isNaN(x)) miss();
        return x <= k;
      };
    case ">":
      return () => {
        const x = values[index]!;
        if (Number.isNaN(x)) miss();
        return x > k;
      };
    case ">=":
      return () => {
        const x = values[index]!;
        if (Number.isNaN(x)) miss();
        return x >= k;
      };
    case "==":
      return () => {
        const x = values[index]!;
        if (Number.isNaN(x)) miss();
        return x === k;
      };
    case "!=":
      return () => {
        const x = values[index]!;
        if (Number.isNaN(x)) miss();
        return x !== k;
      };
  }
}
