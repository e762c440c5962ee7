import type { Clock } from "@seqd/core";
import {
  type DecisionRecord,
  type EvaluateResult,
  evaluate,
  type FiringIntent,
  type MissedSummary,
  type Runtime,
} from "@seqd/rules-engine";
import type { ClaimFiringInput, Store } from "@seqd/store";

/** What the loop has put in the ledger, per trigger. */
export interface LedgerTally {
  /** Occurrences claimed to fire, in the order they were claimed. */
  fired: string[];
  /** Occurrences recorded missed/skipped one by one. */
  recorded: string[];
  /** Ranges recorded as one summary. */
  summaries: MissedSummary[];
  /** Claims the store refused because the occurrence was already there (the engine re-decided it). */
  refused: number;
  /** Why each fire fired (on_time, catch_up_latest, catch_up_all). */
  fireReasons: Map<string, number>;
  /** Why each missed occurrence was not fired, summaries included. */
  missedReasons: Map<string, number>;
}

/** A daemon-like decision loop: store states in, `evaluate`, claims and state out in one commit. */
export interface EngineLoop {
  tick(): Promise<EvaluateResult>;
  ledger(triggerId: string): LedgerTally;
}

/**
 * Runs the engine as the daemon's scheduler does, over the real store: each tick reads the
 * persisted states, evaluates at `clock.now()`, and commits each trigger's claims with its new
 * state and cursor in one transaction (`commitEvaluation`).
 */
export function createEngineLoop(options: { runtime: Runtime; store: Store; clock: Clock }): EngineLoop {
  const { runtime, store, clock } = options;
  const ledgers = new Map<string, LedgerTally>();
  const ledger = (triggerId: string): LedgerTally => {
    let tally = ledgers.get(triggerId);
    if (tally === undefined) {
      tally = {
        fired: [],
        recorded: [],
        summaries: [],
        refused: 0,
        fireReasons: new Map(),
        missedReasons: new Map(),
      };
      ledgers.set(triggerId, tally);
    }
    return tally;
  };

  function claimOf(item: FiringIntent | DecisionRecord): Omit<ClaimFiringInput, "fencing"> {
    const common = {
      triggerId: item.triggerId,
      occurrence: item.occurrence,
      idempotencyKey: item.idempotencyKey,
      ruleId: item.ruleId,
      configHash: runtime.config.hash,
    };
    return "status" in item ? { ...common, status: item.status, reason: item.reason } : common;
  }

  return {
    ledger,
    async tick() {
      const now = clock.now();
      const states = await store.getTriggerStates();
      const result = evaluate({ runtime, states, balances: new Map(), now, firedLast24h: new Map() });
      const byTrigger = new Map<string, (FiringIntent | DecisionRecord)[]>();
      for (const item of [...result.intents, ...result.decisions]) {
        byTrigger.set(item.triggerId, [...(byTrigger.get(item.triggerId) ?? []), item]);
      }
      const triggerIds = new Set([...result.changed, ...byTrigger.keys()]);
      for (const triggerId of triggerIds) {
        const record = result.states.get(triggerId);
        if (record === undefined) continue;
        const items = byTrigger.get(triggerId) ?? [];
        const claims = await store.commitEvaluation({
          triggerId,
          definitionHash: record.definitionHash,
          state: record.state,
          ...("cursor" in record ? { cursor: record.cursor } : {}),
          claims: items.map(claimOf),
        });
        const tally = ledger(triggerId);
        claims.forEach((claim, index) => {
          const item = items[index]!;
          if (!claim.claimed) {
            tally.refused += 1;
            return;
          }
          if (!("status" in item)) {
            tally.fired.push(item.occurrence);
            count(tally.fireReasons, item.cause.kind === "schedule" ? item.cause.reason : item.cause.kind, 1);
            return;
          }
          if (item.summary === undefined) {
            tally.recorded.push(item.occurrence);
            count(tally.missedReasons, item.reason, 1);
            return;
          }
          tally.summaries.push(item.summary);
          for (const [reason, n] of Object.entries(item.summary.reasons))
            count(tally.missedReasons, reason, n);
        });
      }
      return result;
    },
  };
}

function count(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}
