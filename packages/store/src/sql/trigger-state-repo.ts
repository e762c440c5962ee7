import type { Clock } from "@seqd/core";
import type { ClaimResult, CommitEvaluationInput, PutTriggerStateInput, TriggerState } from "../types.js";
import { isoTime, jsonText, optionalIsoTime, requireText } from "../validate.js";
import type { SqlDriver, SqlExecutor } from "./driver.js";
import { insertClaim, validateClaim } from "./firings-repo.js";
import { checkFencing } from "./leases-repo.js";
import { readJson, readOptionalTime, readText, readTime } from "./row.js";

interface ValidState {
  triggerId: string;
  definitionHash: string;
  state: string;
  cursor: string | null;
}

/**
 * Trigger state and the schedule cursor. `commitEvaluation` writes an evaluation's claims and
 * the cursor in one transaction. Were they separate, the order would matter: claims first is
 * safe (a crash before the cursor moves re-evaluates the same occurrences, and the unique
 * claim turns each repeat into `claimed: false`), cursor first could lose an occurrence.
 */
export function createTriggerStateRepo(db: SqlDriver, clock: Clock) {
  const nowIso = () => isoTime(clock.now(), "clock.now()");

  return {
    async getAll(): Promise<Map<string, TriggerState>> {
      const rows = await db.all(
        "SELECT trigger_id, definition_hash, state, evaluated_until, updated_at FROM trigger_state ORDER BY trigger_id",
      );
      const states = new Map<string, TriggerState>();
      for (const row of rows) {
        states.set(readText(row, "trigger_id"), {
          definitionHash: readText(row, "definition_hash"),
          state: readJson(row, "state"),
          cursor: readOptionalTime(row, "evaluated_until"),
          updatedAt: readTime(row, "updated_at"),
        });
      }
      return states;
    },

    async put(input: PutTriggerStateInput): Promise<void> {
      const state = validateState(input);
      await upsertState(db, state, nowIso());
    },

    async delete(triggerId: string): Promise<boolean> {
      const changed = await db.run("DELETE FROM trigger_state WHERE trigger_id = ?", [
        requireText(triggerId, "triggerId", 200),
      ]);
      return changed === 1;
    },

    commitEvaluation(input: CommitEvaluationInput): Promise<ClaimResult[]> {
      const state = validateState(input);
      const claims = input.claims.map((claim) => validateClaim(claim));
      return db.transaction(async (tx) => {
        if (input.fencing !== undefined) await checkFencing(tx, db.dialect, input.fencing);
        const now = nowIso();
        const results: ClaimResult[] = [];
        for (const claim of claims) results.push(await insertClaim(tx, claim, now, input.fencing?.token));
        await upsertState(tx, state, now);
        return results;
      });
    },
  };
}

function validateState(input: PutTriggerStateInput): ValidState {
  return {
    triggerId: requireText(input.triggerId, "triggerId", 200),
    definitionHash: requireText(input.definitionHash, "definitionHash", 200),
    state: jsonText(input.state, "trigger state"),
    cursor: optionalIsoTime(input.cursor, "cursor"),
  };
}

async function upsertState(tx: SqlExecutor, state: ValidState, nowIso: string): Promise<void> {
  await tx.run(
    `INSERT INTO trigger_state (trigger_id, definition_hash, state, evaluated_until, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (trigger_id) DO UPDATE SET definition_hash = excluded.definition_hash,
       state = excluded.state, evaluated_until = excluded.evaluated_until, updated_at = excluded.updated_at`,
    [state.triggerId, state.definitionHash, state.state, state.cursor, nowIso],
  );
}
