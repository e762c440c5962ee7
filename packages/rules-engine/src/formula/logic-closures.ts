import type { BoolFn } from "./closure-kit.js";

/**
 * `&&` and `||` chains, flattened: `a && b && c` is one closure with three
 * call sites instead of two nested ones sharing a site (which V8 would not
 * inline). Evaluation is left to right and short-circuits as written.
 */
export function logicalChain(isAnd: boolean, fns: readonly BoolFn[]): BoolFn {
  const [a, b, c, d] = fns;
  if (a === undefined || b === undefined) throw new Error("internal: a chain needs two operands");
  switch (fns.length) {
    case 2:
      return isAnd ? () => a() && b() : () => a() || b();
    case 3:
      return isAnd ? () => a() && b() && c!() : () => a() || b() || c!();
    case 4:
      return isAnd ? () => a() && b() && c!() && d!() : () => a() || b() || c!() || d!();
    default: {
      // Indexed loops: every()/some() would allocate a callback per evaluation.
      const count = fns.length;
      return isAnd
        ? () => {
            for (let i = 0; i < count; i++) if (!fns[i]!()) return false;
            return true;
          }
        : () => {
            for (let i = 0; i < count; i++) if (fns[i]!()) return true;
            return false;
          };
    }
  }
}

export const notF =
  (a: BoolFn): BoolFn =>
  () =>
    !a();
