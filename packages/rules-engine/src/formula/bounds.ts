import { CONTEXT } from "./builtins.js";
import type { NumExpr } from "./expr.js";

/**
 * A value every successful evaluation of `e` is at least, when one is
 * evident from its shape (undefined when unknown). Lets the compiler drop
 * run-time checks that cannot fail: the sign check of an amount that is
 * provably ≥ $0, the crossed-bounds check of `clamp(x, $0, max(…, $0))`.
 */
export function lowerBound(e: NumExpr): number | undefined {
  switch (e.op) {
    case "const":
      return e.value;
    case "context":
      return CONTEXT.get(e.name)?.min;
    case "abs":
      return 0;
    case "balance":
    case "neg":
    case "sub":
      return undefined;
    case "add": {
      const [l, r] = [lowerBound(e.left), lowerBound(e.right)];
      return l === undefined || r === undefined ? undefined : l + r;
    }
    case "mul":
      return nonNegative(e.left) && nonNegative(e.right) ? 0 : undefined;
    case "round":
    case "floor":
    case "ceil":
      return nonNegative(e.num) && nonNegative(e.den) ? 0 : undefined;
    case "pct":
      return nonNegative(e.amount) && nonNegative(e.percent) ? 0 : undefined;
    case "min": {
      const bounds = e.args.map(lowerBound);
      return bounds.every((b) => b !== undefined) ? Math.min(...(bounds as number[])) : undefined;
    }
    case "max": {
      const known = e.args.map(lowerBound).filter((b) => b !== undefined);
      return known.length === 0 ? undefined : Math.max(...known);
    }
    case "clamp":
      // A successful clamp has lo ≤ result (crossed bounds fail).
      return lowerBound(e.lo);
    case "cond": {
      const [l, r] = [lowerBound(e.consequent), lowerBound(e.otherwise)];
      return l === undefined || r === undefined ? undefined : Math.min(l, r);
    }
  }
}

/** True when `e` can never evaluate below zero. */
export function nonNegative(e: NumExpr): boolean {
  const bound = lowerBound(e);
  return bound !== undefined && bound >= 0;
}
