import { formatMoney } from "@seqd/core";
import { nonNegative } from "./bounds.js";
import type { ContextName } from "./builtins.js";
import { canonicalHash, canonicalText } from "./canonical.js";
import { type CheckedRoot, checkFormula } from "./checker.js";
import { Emitter } from "./emit.js";
import { fnOf } from "./emit-out.js";
import { envState, type FormulaEnv } from "./env.js";
import {
  type FormulaError,
  type FormulaErrorCode,
  type FormulaRuntimeCode,
  FormulaRuntimeError,
  formulaError,
} from "./errors.js";
import { parseFormula } from "./parser.js";

/** What a formula must produce: money for `amounts.*.formula`, bool for `triggers.*.when`. */
export type FormulaExpect = "money" | "bool";

/** The JavaScript value of a result: integer cents (≥ 0) for money, a boolean for conditions. */
export type FormulaValue<E extends FormulaExpect> = E extends "money" ? number : boolean;

export interface CompileOptions<E extends FormulaExpect> {
  readonly expect: E;
  /** The account aliases defined in the config; `balance(x)` must name one of them. */
  readonly accounts: readonly string[];
}

/** The outcome of one allocating evaluation (plans, tests, audits). */
export type FormulaEvaluation<E extends FormulaExpect> =
  | { readonly ok: true; readonly value: FormulaValue<E> }
  | { readonly ok: false; readonly error: FormulaRuntimeError };

/** A formula that passed every load-time check. */
export interface CompiledFormula<E extends FormulaExpect = FormulaExpect> {
  /** The formula exactly as written. */
  readonly source: string;
  readonly type: E;
  /** Account aliases read by `balance()`, in order of first appearance. */
  readonly aliases: readonly string[];
  /** Context values read (`day_of_week` …), in order of first appearance. */
  readonly context: readonly ContextName[];
  /** Normalized text: fully parenthesised, single-spaced, literals in canonical form. */
  readonly canonical: string;
  /** SHA-256 hex of `canonical`: unchanged by whitespace, redundant parentheses or literal spelling. */
  readonly hash: string;
  /**
   * Binds the formula to an environment once (per config) and returns the hot
   * path evaluator: it reads the environment's current balances and context,
   * allocates nothing on success, and throws {@link FormulaRuntimeError}
   * instead of ever returning a wrong value (a money result is a safe integer ≥ 0).
   * Throws ACCOUNT_NOT_BOUND at bind time if the environment lacks an alias.
   */
  bind(env: FormulaEnv): () => FormulaValue<E>;
  /** Evaluates against `env` without throwing (binds on first use per environment). */
  evaluate(env: FormulaEnv): FormulaEvaluation<E>;
}

export type CompileResult<E extends FormulaExpect> =
  | { readonly ok: true; readonly formula: CompiledFormula<E> }
  | { readonly ok: false; readonly errors: readonly FormulaError[] };

/**
 * Parses, type-checks and compiles a formula. Every problem that does not
 * depend on live balances is reported here, with code, message, offsets and hint.
 *
 * @example
 * const result = compileFormula("clamp(balance(checking) - $2_000, $0, $5_000)", {
 *   expect: "money",
 *   accounts: ["checking", "savings"],
 * });
 * if (result.ok) {
 *   const run = result.formula.bind(env); // once per config
 *   const cents = run();                  // per request
 * }
 */
export function compileFormula<E extends FormulaExpect>(
  source: string,
  options: CompileOptions<E>,
): CompileResult<E> {
  const parsed = parseFormula(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const checked = checkFormula(source, parsed.node, options);
  if (checked.root === null) return { ok: false, errors: checked.errors };
  const root = checked.root;
  try {
    // Folding constants at load turns always-failing arithmetic into load errors.
    emitRoot(new Emitter(source, undefined), root);
  } catch (thrown) {
    const error = thrown instanceof FormulaRuntimeError ? loadError(thrown) : undefined;
    if (error === undefined) throw thrown;
    return { ok: false, errors: [error] };
  }
  const canonical = canonicalText(parsed.node);
  const cache = new WeakMap<FormulaEnv, () => FormulaValue<E>>();
  const formula: CompiledFormula<E> = {
    source,
    type: options.expect,
    aliases: Object.freeze(checked.aliases),
    context: Object.freeze(checked.context),
    canonical,
    hash: canonicalHash(canonical),
    bind: (env) => emitRoot(new Emitter(source, envState(env)), root) as () => FormulaValue<E>,
    evaluate(env) {
      let run = cache.get(env);
      try {
        if (run === undefined) {
          run = formula.bind(env);
          cache.set(env, run);
        }
        return { ok: true, value: run() };
      } catch (thrown) {
        if (thrown instanceof FormulaRuntimeError) return { ok: false, error: thrown };
        throw thrown;
      }
    },
  };
  return { ok: true, formula: Object.freeze(formula) };
}

/** The evaluator for the whole formula; money results are checked ≥ 0 unless they provably are. */
function emitRoot(emitter: Emitter, root: CheckedRoot): (() => number) | (() => boolean) {
  if (root.type === "bool") {
    const out = emitter.bool(root.expr);
    if (out.k === "fn") return out.f;
    const value = out.v;
    return () => value;
  }
  const span = root.expr.span;
  const negative = (cents: number): never => {
    throw new FormulaRuntimeError(
      "NEGATIVE_AMOUNT",
      `the amount is negative (${formatMoney(cents)}); an amount must be $0 or more`,
      span,
    );
  };
  const out = emitter.num(root.expr);
  if (out.k === "const" && out.v < 0) negative(out.v);
  const f = fnOf(out);
  if (nonNegative(root.expr)) return f;
  return () => {
    const v = f();
    if (v < 0) negative(v);
    return v;
  };
}

const FOLD_HINTS: Readonly<Partial<Record<FormulaErrorCode, string>>> = {
  DIVISION_BY_ZERO: "the denominator is always zero",
  OVERFLOW: "the constant part is too large to compute exactly",
  CLAMP_BOUNDS_CROSSED: "write clamp(value, lo, hi) with lo ≤ hi",
  NEGATIVE_AMOUNT: "the formula is a constant below $0",
};

/** A failure while folding constants, as a load error; undefined for codes folding cannot raise. */
function loadError(error: FormulaRuntimeError): FormulaError | undefined {
  const code = loadCode(error.code);
  if (code === undefined) return undefined;
  return formulaError(code, error.message, error, FOLD_HINTS[code]);
}

function loadCode(code: FormulaRuntimeCode): FormulaErrorCode | undefined {
  switch (code) {
    case "DIVISION_BY_ZERO":
    case "OVERFLOW":
    case "CLAMP_BOUNDS_CROSSED":
    case "NEGATIVE_AMOUNT":
      return code;
    case "BALANCE_MISSING":
    case "BALANCE_STALE":
    case "CONTEXT_MISSING":
    case "ACCOUNT_NOT_BOUND":
      return undefined;
  }
}
