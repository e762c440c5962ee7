/**
 * The closed vocabulary of the language. Lookups go through Maps so names
 * such as `constructor`, `__proto__` or `toString` are simply unknown.
 */

/** Functions other than `balance`, which the parser reads specially. */
export type FunctionName = "min" | "max" | "clamp" | "abs" | "pct" | "round" | "floor" | "ceil";

/** Arity and the parameter list shown in arity errors. */
export interface FunctionSpec {
  readonly name: FunctionName;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  readonly params: string;
}

const spec = (
  name: FunctionName,
  minArgs: number,
  maxArgs: number,
  params: string,
): [string, FunctionSpec] => [name, { name, minArgs, maxArgs, params }];

/** Every callable name except `balance`. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map([
  spec("min", 2, Number.POSITIVE_INFINITY, "a, b, …"),
  spec("max", 2, Number.POSITIVE_INFINITY, "a, b, …"),
  spec("clamp", 3, 3, "value, lo, hi"),
  spec("abs", 1, 1, "value"),
  spec("pct", 2, 2, "amount, percent"),
  spec("round", 1, 1, "a division"),
  spec("floor", 1, 1, "a division"),
  spec("ceil", 1, 1, "a division"),
]);

/** Names offered by "did you mean" for calls. */
export const CALLABLE_NAMES: readonly string[] = ["balance", ...FUNCTIONS.keys()];

export type ContextName = "day_of_month" | "day_of_week" | "month" | "hour";

/** A calendar value supplied by the caller, computed in the config time zone. */
export interface ContextSpec {
  readonly name: ContextName;
  /** Position in the environment's context array. */
  readonly index: 0 | 1 | 2 | 3;
  readonly min: number;
  readonly max: number;
  /** How the range reads in messages. */
  readonly range: string;
}

/** The four context values, in environment order. */
export const CONTEXT: ReadonlyMap<string, ContextSpec> = new Map<string, ContextSpec>([
  ["day_of_month", { name: "day_of_month", index: 0, min: 1, max: 31, range: "1–31" }],
  [
    "day_of_week",
    { name: "day_of_week", index: 1, min: 0, max: 6, range: "0–6 (0 = Sunday … 6 = Saturday)" },
  ],
  ["month", { name: "month", index: 2, min: 1, max: 12, range: "1–12 (1 = January)" }],
  ["hour", { name: "hour", index: 3, min: 0, max: 23, range: "0–23" }],
]);
