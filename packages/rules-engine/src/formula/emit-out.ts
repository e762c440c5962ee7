import { readS } from "./arith-closures.js";
import type { BoolFn, NumFn, Slot } from "./closure-kit.js";

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

/** Any condition as a closure. */
export function boolFnOf(out: BoolOut): BoolFn {
  if (out.k === "fn") return out.f;
  const v = out.v;
  return () => v;
}
