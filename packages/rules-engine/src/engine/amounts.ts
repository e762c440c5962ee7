import type { Cents } from "@seqd/core";
import type { OnStale } from "../config/index.js";
import { FormulaRuntimeError } from "../formula/index.js";
import { loadInputs, readingUse } from "./balances.js";
import type { AmountEndpoint, Runtime } from "./runtime.js";
import type { Balances } from "./types.js";

/** Why an amount endpoint has no amount to answer. Closed table; switches over it are exhaustive. */
export const AMOUNT_ERROR_CODES = {
  unknown_endpoint: "no amount endpoint has this id",
  balance_unavailable: "a balance the formula reads is stale or its latest read failed",
  negative_amount: "the formula's result is below $0",
  evaluation_error: "the formula could not be evaluated (overflow, division by zero, clamp bounds crossed)",
} as const;

export type AmountErrorCode = keyof typeof AMOUNT_ERROR_CODES;

/** What an input balance was when the amount was computed, for the audit. */
export type AmountInput =
  | { status: "ok"; cents: Cents; at: string }
  | { status: "stale"; cents: Cents; at: string }
  | { status: "unavailable"; reason: string; at: string }
  | { status: "missing" };

/**
 * An amount endpoint's answer. `ok: false` is answered per `onStale`: `zero` answers 0,
 * `reject` answers HTTP 503 (Sequence retries the rule later).
 */
export type AmountAnswer =
  | { ok: true; raw: Cents; cents: Cents; inputs: Record<string, AmountInput> }
  | {
      ok: false;
      code: AmountErrorCode;
      message: string;
      onStale: OnStale;
      inputs: Record<string, AmountInput>;
    };

/**
 * The clamp every amount goes through after its formula: `max` caps it, then a positive
 * result under `min` becomes 0 (Sequence refuses transfers under $1). Pure arithmetic, for
 * the hot path.
 */
export function clampAmount(raw: Cents, endpoint: Pick<AmountEndpoint, "min" | "max">): Cents {
  const capped = endpoint.max !== undefined && raw > endpoint.max ? endpoint.max : raw;
  return capped > 0 && capped < endpoint.min ? 0 : capped;
}

/**
 * What amount endpoint `endpointId` answers with these balances at `now`. Used by `seqd plan`,
 * `seqd test` and audits; the HTTP hot path runs the same pieces without allocating:
 * `loadReading` for each of `endpoint.formula.aliases`, `endpoint.formula.run()`, `clampAmount`.
 *
 * @example evaluateAmount(runtime, "top-up", balances, now) // { ok: true, raw: 120_000, cents: 100_000, … }
 */
export function evaluateAmount(
  runtime: Runtime,
  endpointId: string,
  balances: Balances,
  now: Date,
): AmountAnswer {
  const endpoint = runtime.amounts.get(endpointId);
  if (endpoint === undefined) {
    return {
      ok: false,
      code: "unknown_endpoint",
      message: `no amount endpoint "${endpointId}"`,
      onStale: "reject",
      inputs: {},
    };
  }
  const inputs = describeInputs(runtime, endpoint, balances, now);
  loadInputs(runtime, endpoint.formula, balances, now);
  let raw: Cents;
  try {
    raw = endpoint.formula.run();
  } catch (error) {
    if (!(error instanceof FormulaRuntimeError)) throw error;
    return { ok: false, code: errorCode(error), message: error.message, onStale: endpoint.onStale, inputs };
  }
  return { ok: true, raw, cents: clampAmount(raw, endpoint), inputs };
}

function errorCode(error: FormulaRuntimeError): AmountErrorCode {
  switch (error.code) {
    case "BALANCE_MISSING":
    case "BALANCE_STALE":
      return "balance_unavailable";
    case "NEGATIVE_AMOUNT":
      return "negative_amount";
    case "DIVISION_BY_ZERO":
    case "OVERFLOW":
    case "CLAMP_BOUNDS_CROSSED":
    case "CONTEXT_MISSING":
    case "ACCOUNT_NOT_BOUND":
      return "evaluation_error";
  }
}

function describeInputs(
  runtime: Runtime,
  endpoint: AmountEndpoint,
  balances: Balances,
  now: Date,
): Record<string, AmountInput> {
  const inputs: Record<string, AmountInput> = {};
  for (const alias of endpoint.formula.aliases) {
    const reading = balances.get(alias);
    const use = readingUse(reading, now.getTime(), runtime.staleAfterMs);
    if (reading === undefined) inputs[alias] = { status: "missing" };
    else if (reading.status === "unavailable") {
      inputs[alias] = { status: "unavailable", reason: reading.reason, at: reading.at.toISOString() };
    } else {
      inputs[alias] = {
        status: use === "stale" ? "stale" : "ok",
        cents: reading.cents,
        at: reading.at.toISOString(),
      };
    }
  }
  return inputs;
}
