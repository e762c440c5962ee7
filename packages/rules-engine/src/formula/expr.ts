import type { ComparisonOp } from "./ast.js";
import type { ContextName } from "./builtins.js";
import type { Span } from "./errors.js";

/** A value type of the language. */
export type ValueType = "money" | "number" | "bool";

/** The type of a numeric expression (money and numbers are both integers at run time). */
export type NumericType = "money" | "number";

/**
 * A type-checked, name-resolved numeric expression: what the compiler turns
 * into closures. Spans point back into the source for run-time errors.
 */
export type NumExpr =
  | { readonly op: "const"; readonly type: NumericType; readonly value: number; readonly span: Span }
  | { readonly op: "balance"; readonly type: "money"; readonly alias: string; readonly span: Span }
  | {
      readonly op: "context";
      readonly type: "number";
      readonly name: ContextName;
      readonly index: number;
      readonly span: Span;
    }
  | { readonly op: "neg" | "abs"; readonly type: NumericType; readonly arg: NumExpr; readonly span: Span }
  | {
      readonly op: "add" | "sub" | "mul";
      readonly type: NumericType;
      readonly left: NumExpr;
      readonly right: NumExpr;
      readonly span: Span;
    }
  | {
      readonly op: "round" | "floor" | "ceil";
      readonly type: NumericType;
      readonly num: NumExpr;
      readonly den: NumExpr;
      /** The division inside the call: where a zero denominator is reported. */
      readonly divSpan: Span;
      readonly span: Span;
    }
  | {
      readonly op: "pct";
      readonly type: "money";
      readonly amount: NumExpr;
      readonly percent: NumExpr;
      readonly span: Span;
    }
  | {
      readonly op: "min" | "max";
      readonly type: NumericType;
      readonly args: readonly NumExpr[];
      readonly span: Span;
    }
  | {
      readonly op: "clamp";
      readonly type: NumericType;
      readonly value: NumExpr;
      readonly lo: NumExpr;
      readonly hi: NumExpr;
      readonly span: Span;
    }
  | {
      readonly op: "cond";
      readonly type: NumericType;
      readonly test: BoolExpr;
      readonly consequent: NumExpr;
      readonly otherwise: NumExpr;
      readonly span: Span;
    };

/** A type-checked condition. */
export type BoolExpr =
  | {
      readonly op: "cmp";
      readonly cmp: ComparisonOp;
      readonly left: NumExpr;
      readonly right: NumExpr;
      readonly span: Span;
    }
  | { readonly op: "and" | "or"; readonly left: BoolExpr; readonly right: BoolExpr; readonly span: Span }
  | { readonly op: "not"; readonly arg: BoolExpr; readonly span: Span }
  | {
      readonly op: "cond";
      readonly test: BoolExpr;
      readonly consequent: BoolExpr;
      readonly otherwise: BoolExpr;
      readonly span: Span;
    };
