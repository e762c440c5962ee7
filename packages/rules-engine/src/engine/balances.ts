import { formulaContextAt } from "../formula/index.js";
import type { BalanceReading } from "../threshold/index.js";
import type { BoundFormula, Runtime } from "./runtime.js";
import type { Balances } from "./types.js";

/** How a reading can be used at some instant. */
export type ReadingUse = "fresh" | "stale" | "unavailable" | "missing";

/** Classifies a reading the way thresholds do: `now - at > staleAfter` is stale; a failed read is never a balance. */
export function readingUse(
  reading: BalanceReading | undefined,
  nowMs: number,
  staleAfterMs: number,
): ReadingUse {
  if (reading === undefined) return "missing";
  if (reading.status === "unavailable") return "unavailable";
  return nowMs - reading.at.getTime() > staleAfterMs ? "stale" : "fresh";
}

/**
 * Loads one account's reading into the runtime's formula environment: a fresh reading sets its
 * cents, a stale one marks the slot stale, a failed or absent one marks it missing (never 0).
 * Allocation-free, for the amount endpoint's hot path.
 */
export function loadReading(
  runtime: Runtime,
  alias: string,
  reading: BalanceReading | undefined,
  nowMs: number,
): void {
  if (reading === undefined || reading.status === "unavailable") {
    runtime.env.setUnavailable(alias, "missing");
  } else if (nowMs - reading.at.getTime() > runtime.staleAfterMs) {
    runtime.env.setUnavailable(alias, "stale");
  } else {
    runtime.env.setBalance(alias, reading.cents);
  }
}

/**
 * Loads what `formula` reads (its balances, and the calendar context in the config's zone)
 * into the environment, so `formula.run()` sees exactly these inputs.
 */
export function loadInputs(
  runtime: Runtime,
  formula: BoundFormula<"money" | "bool">,
  balances: Balances,
  now: Date,
): void {
  const nowMs = now.getTime();
  for (const alias of formula.aliases) loadReading(runtime, alias, balances.get(alias), nowMs);
  // Config guarantees a timezone for every formula that reads the calendar.
  if (formula.readsContext) runtime.env.setContext(formulaContextAt(now, runtime.timezone!));
}
