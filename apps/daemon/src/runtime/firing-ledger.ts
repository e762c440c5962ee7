import type { Firing, FiringStatus, Store } from "@seqd/store";
import type { StoreGuard } from "./store-guard.js";

/** The log fields of every firing event (design.md §6: trigger, occurrence, key, config hash). */
export function firingFields(firing: Firing): Record<string, unknown> {
  return {
    firingId: firing.id,
    triggerId: firing.triggerId,
    ruleId: firing.ruleId,
    occurrence: firing.occurrence,
    idempotencyKey: firing.idempotencyKey,
    configHash: firing.configHash,
  };
}

/** How a firing ends. */
export interface Ending {
  to: Extract<FiringStatus, "accepted" | "failed" | "ambiguous" | "missed">;
  reason?: string;
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * The dispatcher's writes to the firing ledger, each through the store guard, so a write the
 * store refuses raises `store_unwritable` and the caller stops before calling Sequence. Every
 * method throws the store's error unchanged.
 */
export interface FiringLedger {
  /** claimed → sent, written before the request leaves; false if the firing is no longer claimed. */
  markSent(firing: Firing): Promise<boolean>;
  /** Counts one finished attempt, with its error and the next attempt's time when it failed. */
  countAttempt(
    firing: Firing,
    error?: { code: string; message: string },
    nextAttemptAt?: Date,
  ): Promise<void>;
  /** Moves the firing from `from` to its final status; false if it was no longer in `from`. */
  finish(firing: Firing, from: readonly FiringStatus[], ending: Ending): Promise<boolean>;
}

/** Creates the ledger writer over `store`. */
export function createFiringLedger(store: Store, guard: StoreGuard): FiringLedger {
  return {
    markSent: (firing) =>
      guard.write("mark firing sent", () =>
        store.transitionFiring(firing.id, { from: ["claimed"], to: "sent" }),
      ),

    async countAttempt(firing, error, nextAttemptAt) {
      await guard.write("record attempt", () =>
        store.recordAttempt(firing.id, {
          ...(error === undefined ? {} : { errorCode: error.code, errorMessage: error.message }),
          ...(nextAttemptAt === undefined ? {} : { nextAttemptAt }),
        }),
      );
    },

    finish: (firing, from, ending) =>
      guard.write(`mark firing ${ending.to}`, () =>
        store.transitionFiring(firing.id, {
          from,
          to: ending.to,
          ...(ending.reason === undefined ? {} : { reason: ending.reason }),
          ...(ending.requestId === undefined ? {} : { requestId: ending.requestId }),
          ...(ending.errorCode === undefined ? {} : { errorCode: ending.errorCode }),
          ...(ending.errorMessage === undefined ? {} : { errorMessage: ending.errorMessage }),
        }),
      ),
  };
}
