import type { AmountInput, BalanceReading } from "@seqd/rules-engine";
import { readingUse } from "@seqd/rules-engine";

/**
 * The balances one amount answer used, kept as references (readings are immutable) and turned
 * into the audit's JSON only when the audit batch is written, off the request path. Serializes
 * exactly like `evaluateAmount(...).inputs`.
 */
export class AmountInputs {
  readonly #aliases: readonly string[];
  readonly #readings: readonly (BalanceReading | undefined)[];
  readonly #nowMs: number;
  readonly #staleAfterMs: number;

  constructor(
    aliases: readonly string[],
    readings: readonly (BalanceReading | undefined)[],
    nowMs: number,
    staleAfterMs: number,
  ) {
    this.#aliases = aliases;
    this.#readings = readings;
    this.#nowMs = nowMs;
    this.#staleAfterMs = staleAfterMs;
  }

  /** Each alias the formula read, as `evaluateAmount` describes it. */
  describe(): Record<string, AmountInput> {
    const inputs: Record<string, AmountInput> = {};
    this.#aliases.forEach((alias, index) => {
      const reading = this.#readings[index];
      if (reading === undefined) inputs[alias] = { status: "missing" };
      else if (reading.status === "unavailable") {
        inputs[alias] = { status: "unavailable", reason: reading.reason, at: reading.at.toISOString() };
      } else {
        const use = readingUse(reading, this.#nowMs, this.#staleAfterMs);
        inputs[alias] = {
          status: use === "stale" ? "stale" : "ok",
          cents: reading.cents,
          at: reading.at.toISOString(),
        };
      }
    });
    return inputs;
  }

  toJSON(): Record<string, AmountInput> {
    return this.describe();
  }
}
