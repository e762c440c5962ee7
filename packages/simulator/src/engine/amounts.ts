import type { Cents } from "@seqd/core";
import type { SimAccount, TransferAction } from "../state/types.js";

/** Why an action did not move money (closed table; the first two are Sequence's own codes). */
export const FAILURE = {
  belowOneDollar: "TRANSFER_AMOUNT_LESS_THAN_ONE_DOLLAR",
  insufficientFunds: "INSUFFICIENT_FUNDS",
  nullBalance: "NULL_BALANCE",
  remoteAmount: "REMOTE_AMOUNT_FAILED",
  /** A bug in the simulator itself; the run stops. */
  internal: "SIMULATOR_ERROR",
} as const;
export type FailureCode = (typeof FAILURE)[keyof typeof FAILURE];

/** Sequence does not create transfers under $1. */
export const MIN_TRANSFER_CENTS = 100;

export type AmountResult = { ok: true; cents: Cents } | { ok: false; code: FailureCode; message: string };

/** `basisPoints`/10 000 of `cents`, rounded half away from zero, computed exactly. */
export function percentOf(cents: Cents, basisPoints: number): Cents {
  const scaled = BigInt(cents) * BigInt(basisPoints);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const rounded = (abs + 5_000n) / 10_000n;
  return Number(negative ? -rounded : rounded);
}

/**
 * The amount a non-remote action asks for, from current balances. Negative results mean
 * "nothing to move" and become 0 (skipped), as a top-up of an account already above target.
 */
export function localAmount(
  action: TransferAction,
  source: SimAccount,
  destination: SimAccount,
): AmountResult {
  const spec = action.amount;
  switch (spec.kind) {
    case "fixed":
      return { ok: true, cents: spec.cents };
    case "percent":
      if (source.unavailable !== null) return nullBalance(source);
      return { ok: true, cents: Math.max(0, percentOf(source.balance, spec.basisPoints)) };
    case "topUpTo":
      if (destination.unavailable !== null) return nullBalance(destination);
      return { ok: true, cents: Math.max(0, spec.cents - destination.balance) };
    case "remote":
      throw new TypeError("remote amounts are fetched, not computed");
  }
}

function nullBalance(account: SimAccount): AmountResult {
  return {
    ok: false,
    code: FAILURE.nullBalance,
    message: `balance of "${account.id}" is unavailable: ${account.unavailable}`,
  };
}

/** What happens to a requested amount: skipped (0), a transfer, or a failure. */
export type Settlement =
  | { kind: "skip" }
  | { kind: "transfer"; cents: Cents }
  | { kind: "fail"; code: FailureCode; message: string };

/**
 * Applies Sequence's transfer rules to a requested amount: 0 is skipped, under $1 fails,
 * more than the source holds fails INSUFFICIENT_FUNDS unless `upToEnabled` (then partial).
 */
export function settleAmount(requested: Cents, sourceBalance: Cents, upToEnabled: boolean): Settlement {
  if (requested === 0) return { kind: "skip" };
  let cents = requested;
  if (requested > sourceBalance) {
    if (!upToEnabled || sourceBalance <= 0) {
      return {
        kind: "fail",
        code: FAILURE.insufficientFunds,
        message: `needs ${requested} cents, source holds ${sourceBalance}`,
      };
    }
    cents = sourceBalance;
  }
  if (cents < MIN_TRANSFER_CENTS) {
    return { kind: "fail", code: FAILURE.belowOneDollar, message: `${cents} cents is less than $1` };
  }
  return { kind: "transfer", cents };
}
