import { CONTEXT } from "./builtins.js";

/**
 * The calendar values formulas may read, computed by the caller in the
 * config time zone: `dayOfMonth` 1–31, `dayOfWeek` 0 = Sunday … 6 = Saturday
 * (as in cron), `month` 1–12, `hour` 0–23.
 */
export interface FormulaContext {
  readonly dayOfMonth: number;
  readonly dayOfWeek: number;
  readonly month: number;
  readonly hour: number;
}

/** Why a balance cannot be used: never read successfully, or older than `staleAfter`. */
export type BalanceUnavailable = "missing" | "stale";

/**
 * The mutable inputs of compiled formulas, created once per config and shared
 * by all its formulas: one slot per account (cents, or unavailable) and the
 * four context values. The poller writes balances as readings arrive; the
 * amount endpoint sets the context and calls bound formulas, which read the
 * slots directly. Every slot starts unavailable ("missing"): never zero.
 */
export interface FormulaEnv {
  /** The aliases with a slot, in slot order. */
  readonly accounts: readonly string[];
  /** Records a fresh reading. Throws RangeError for an unknown alias or a value that is not a safe integer. */
  setBalance(alias: string, cents: number): void;
  /** Marks a balance unusable; formulas reading it fail with BALANCE_MISSING or BALANCE_STALE. */
  setUnavailable(alias: string, reason: BalanceUnavailable): void;
  /** Sets the four context values. Throws RangeError for a value outside its range. */
  setContext(context: FormulaContext): void;
}

/** What bound formulas read; kept out of the public object so it is only written through the checks. */
export interface EnvState {
  /**
   * One slot per account (cents), then the four context values at
   * `contextBase` … `contextBase + 3`. NaN marks an unusable slot, so a read
   * costs one load and one comparison on the hot path.
   */
  readonly values: Float64Array;
  /** Why a slot is NaN: consulted only to word the error. */
  readonly reasons: Uint8Array;
  readonly slots: ReadonlyMap<string, number>;
  readonly contextBase: number;
}

/** Reason codes stored in {@link EnvState.reasons}. */
export const REASON = { fresh: 0, missing: 1, stale: 2, unset: 3 } as const;

const states = new WeakMap<FormulaEnv, EnvState>();

/**
 * Creates the environment for a set of account aliases.
 *
 * @example
 * const env = createFormulaEnv({ accounts: ["checking", "savings"] });
 * env.setBalance("checking", 250_000);
 * env.setUnavailable("savings", "stale");
 */
export function createFormulaEnv(options: { readonly accounts: readonly string[] }): FormulaEnv {
  const accounts = [...options.accounts];
  const slots = new Map<string, number>();
  for (const [slot, alias] of accounts.entries()) {
    if (slots.has(alias)) throw new RangeError(`duplicate account alias "${alias}"`);
    slots.set(alias, slot);
  }
  const contextBase = accounts.length;
  const state: EnvState = {
    values: new Float64Array(contextBase + CONTEXT.size).fill(Number.NaN),
    reasons: new Uint8Array(contextBase + CONTEXT.size).fill(REASON.missing).fill(REASON.unset, contextBase),
    slots,
    contextBase,
  };
  const slotOf = (alias: string): number => {
    const slot = slots.get(alias);
    if (slot === undefined) throw new RangeError(`unknown account alias "${alias}"`);
    return slot;
  };
  const env: FormulaEnv = {
    accounts: Object.freeze(accounts),
    setBalance(alias, cents) {
      const slot = slotOf(alias);
      if (!Number.isSafeInteger(cents)) {
        throw new RangeError(`balance of "${alias}" must be integer cents (a safe integer), got ${cents}`);
      }
      // + 0 turns −0 into 0: no formula value is ever −0.
      state.values[slot] = cents + 0;
      state.reasons[slot] = REASON.fresh;
    },
    setUnavailable(alias, reason) {
      const slot = slotOf(alias);
      state.values[slot] = Number.NaN;
      state.reasons[slot] = REASON[reason];
    },
    setContext(context) {
      // Validate all four before writing any, so a bad call changes nothing.
      checkContext("day_of_month", context.dayOfMonth);
      checkContext("day_of_week", context.dayOfWeek);
      checkContext("month", context.month);
      checkContext("hour", context.hour);
      const { values, reasons } = state;
      values[contextBase] = context.dayOfMonth;
      values[contextBase + 1] = context.dayOfWeek;
      values[contextBase + 2] = context.month;
      values[contextBase + 3] = context.hour;
      reasons.fill(REASON.fresh, contextBase);
    },
  };
  states.set(env, state);
  return env;
}

function checkContext(name: string, value: number): void {
  const spec = CONTEXT.get(name)!;
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new RangeError(`${spec.name} must be an integer in ${spec.range}, got ${value}`);
  }
}

/** The internal state of an environment made by {@link createFormulaEnv}. */
export function envState(env: FormulaEnv): EnvState {
  const state = states.get(env);
  if (state === undefined) throw new TypeError("not an environment made by createFormulaEnv()");
  return state;
}
