import type { Cents, Secret } from "@seqd/core";
import {
  type AmountEndpoint,
  type AmountErrorCode,
  type BalanceReading,
  clampAmount,
  FormulaRuntimeError,
  formulaContextAt,
  loadReading,
  type OnStale,
  type Runtime,
} from "@seqd/rules-engine";
import { AmountInputs } from "./amount-inputs.js";
import { secretDigest } from "./constant-time.js";

/** What one amount request computed: the same answer `evaluateAmount` gives for these balances. */
export type AmountResult =
  | { ok: true; raw: Cents; cents: Cents; inputs: AmountInputs }
  | { ok: false; code: AmountErrorCode; message: string; inputs: AmountInputs };

/** One configured amount endpoint, ready to answer. */
export interface AmountRoute {
  readonly id: string;
  readonly path: string;
  readonly onStale: OnStale;
  readonly formulaHash: string;
  readonly token: Secret;
  /** sha256 of the endpoint's token, for a constant-time compare. */
  readonly tokenDigest: Buffer;
  /** Computes the amount at `now` from the latest cached readings. */
  answer(now: Date): AmountResult;
}

/** The amount endpoints of one config; the daemon builds a new table on every reload. */
export interface AmountRoutes {
  readonly byPath: ReadonlyMap<string, AmountRoute>;
}

/** Options of {@link createAmountRoutes}. */
export interface AmountRoutesOptions {
  runtime: Runtime;
  /** Resolved secrets by field (`amounts.<id>.token`), from `resolveSecrets`. */
  secrets: ReadonlyMap<string, Secret>;
  /** The latest reading of an alias (the daemon passes `book.reading`). */
  reading: (alias: string) => BalanceReading | undefined;
}

/**
 * The amount endpoints of `runtime`, looked up by path. Each answer runs the same pieces as
 * `evaluateAmount` (`loadReading` per alias, `formula.run()`, `clampAmount`) on the runtime's
 * shared environment, synchronously, so concurrent requests cannot see each other's inputs.
 *
 * @example
 * const routes = createAmountRoutes({ runtime, secrets, reading: book.reading });
 * routes.byPath.get("/amount/top-up")?.answer(clock.now()); // { ok: true, raw: 120_000, cents: 100_000, … }
 */
export function createAmountRoutes(options: AmountRoutesOptions): AmountRoutes {
  const byPath = new Map<string, AmountRoute>();
  for (const endpoint of options.runtime.amounts.values()) {
    const token = options.secrets.get(`amounts.${endpoint.id}.token`);
    if (token === undefined || token.reveal() === "") {
      throw new Error(`amount endpoint "${endpoint.id}" has no resolved token`);
    }
    byPath.set(endpoint.path, Object.freeze(createRoute(endpoint, token, options)));
  }
  return Object.freeze({ byPath });
}

function createRoute(endpoint: AmountEndpoint, token: Secret, options: AmountRoutesOptions): AmountRoute {
  const { runtime, reading } = options;
  const { formula } = endpoint;
  const aliases = formula.aliases;
  return {
    id: endpoint.id,
    path: endpoint.path,
    onStale: endpoint.onStale,
    formulaHash: formula.hash,
    token,
    tokenDigest: secretDigest(token),
    answer(now) {
      const nowMs = now.getTime();
      const readings: (BalanceReading | undefined)[] = new Array(aliases.length);
      for (let index = 0; index < aliases.length; index++) {
        const alias = aliases[index]!;
        const latest = reading(alias);
        readings[index] = latest;
        loadReading(runtime, alias, latest, nowMs);
      }
      // Config guarantees a timezone for every formula that reads the calendar.
      if (formula.readsContext) runtime.env.setContext(formulaContextAt(now, runtime.timezone!));
      const inputs = new AmountInputs(aliases, readings, nowMs, runtime.staleAfterMs);
      let raw: Cents;
      try {
        raw = formula.run();
      } catch (error) {
        return { ok: false, ...describeFailure(error), inputs };
      }
      return { ok: true, raw, cents: clampAmount(raw, endpoint), inputs };
    },
  };
}

/** The same classification `evaluateAmount` makes; anything else is still never a 5xx. */
function describeFailure(error: unknown): { code: AmountErrorCode; message: string } {
  if (!(error instanceof FormulaRuntimeError)) {
    return { code: "evaluation_error", message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.code) {
    case "BALANCE_MISSING":
    case "BALANCE_STALE":
      return { code: "balance_unavailable", message: error.message };
    case "NEGATIVE_AMOUNT":
      return { code: "negative_amount", message: error.message };
    case "DIVISION_BY_ZERO":
    case "OVERFLOW":
    case "CLAMP_BOUNDS_CROSSED":
    case "CONTEXT_MISSING":
    case "ACCOUNT_NOT_BOUND":
      return { code: "evaluation_error", message: error.message };
  }
}
