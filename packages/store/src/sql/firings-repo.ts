import type { Clock } from "@seqd/core";
import { StoreError } from "../errors.js";
import {
  assertTransitions,
  CLAIM_STATUSES,
  type ClaimStatus,
  isFiringStatus,
  isTerminalStatus,
  MAY_HAVE_MOVED_MONEY,
  REASON_REQUIRED,
  UNFINISHED_STATUSES,
} from "../firing-status.js";
import type {
  AttemptInput,
  ClaimFiringInput,
  ClaimResult,
  Firing,
  ListFiringsInput,
  TransitionInput,
} from "../types.js";
import {
  clippedText,
  isoTime,
  optionalIsoTime,
  optionalText,
  requireIdempotencyKey,
  requireInt,
  requireText,
} from "../validate.js";
import type { Row, SqlDriver, SqlExecutor, SqlValue } from "./driver.js";
import { checkFencing } from "./leases-repo.js";
import { readInt, readOptionalInt, readOptionalText, readOptionalTime, readText, readTime } from "./row.js";

const COLUMNS = `id, trigger_id, occurrence, idempotency_key, rule_id, status, attempts, last_error_code,
  last_error_message, request_id, reason, config_hash, fencing_token, created_at, updated_at, sent_at,
  completed_at, next_attempt_at`;

const ID_MAX = 200;
const ERROR_CODE_MAX = 200;
const ERROR_MESSAGE_MAX = 2000;

/** The firing ledger's operations; see `Store` for the contract of each. */
export function createFiringsRepo(db: SqlDriver, clock: Clock) {
  const nowIso = () => isoTime(clock.now(), "clock.now()");

  return {
    claim(input: ClaimFiringInput): Promise<ClaimResult> {
      const claim = validateClaim(input);
      return db.transaction(async (tx) => {
        if (input.fencing !== undefined) await checkFencing(tx, db.dialect, input.fencing);
        return insertClaim(tx, claim, nowIso(), input.fencing?.token);
      });
    },

    async transition(id: number, input: TransitionInput): Promise<boolean> {
      requireInt(id, "firing id", 1, Number.MAX_SAFE_INTEGER);
      assertTransitions(input.from, input.to);
      if (REASON_REQUIRED.has(input.to) && input.reason === undefined) {
        throw new StoreError("INVALID_INPUT", `a transition to "${input.to}" needs a reason`);
      }
      const now = nowIso();
      const sets = ["status = ?", "updated_at = ?"];
      const params: SqlValue[] = [input.to, now];
      if (input.to === "sent") {
        // The first send time is what the 24 h resend window counts from.
        sets.push("sent_at = COALESCE(sent_at, ?)");
        params.push(now);
      }
      if (isTerminalStatus(input.to)) {
        sets.push("completed_at = ?", "next_attempt_at = NULL");
        params.push(now);
      }
      const optional: [string, string | null][] = [
        ["request_id", clippedText(input.requestId, ID_MAX)],
        ["last_error_code", clippedText(input.errorCode, ERROR_CODE_MAX)],
        ["last_error_message", clippedText(input.errorMessage, ERROR_MESSAGE_MAX)],
        ["reason", clippedText(input.reason, ERROR_MESSAGE_MAX)],
      ];
      for (const [column, value] of optional) {
        if (value === null) continue;
        sets.push(`${column} = ?`);
        params.push(value);
      }
      const from = [...new Set(input.from)];
      const changed = await db.run(
        `UPDATE firings SET ${sets.join(", ")} WHERE id = ? AND status IN (${from.map(() => "?").join(", ")})`,
        [...params, id, ...from],
      );
      return changed === 1;
    },

    async recordAttempt(id: number, input: AttemptInput): Promise<boolean> {
      requireInt(id, "firing id", 1, Number.MAX_SAFE_INTEGER);
      const changed = await db.run(
        `UPDATE firings SET attempts = attempts + 1, last_error_code = ?, last_error_message = ?,
           next_attempt_at = ?, updated_at = ?
         WHERE id = ? AND status IN (${sqlList(UNFINISHED_STATUSES)})`,
        [
          clippedText(input.errorCode, ERROR_CODE_MAX),
          clippedText(input.errorMessage, ERROR_MESSAGE_MAX),
          optionalIsoTime(input.nextAttemptAt, "nextAttemptAt"),
          nowIso(),
          id,
        ],
      );
      return changed === 1;
    },

    async get(id: number): Promise<Firing | undefined> {
      requireInt(id, "firing id", 1, Number.MAX_SAFE_INTEGER);
      const [row] = await db.all(`SELECT ${COLUMNS} FROM firings WHERE id = ?`, [id]);
      return row === undefined ? undefined : toFiring(row);
    },

    async listUnfinished(): Promise<Firing[]> {
      const rows = await db.all(
        `SELECT ${COLUMNS} FROM firings WHERE status IN (${sqlList(UNFINISHED_STATUSES)}) ORDER BY created_at, id`,
      );
      return rows.map(toFiring);
    },

    async countFired(triggerId: string, since: Date): Promise<number> {
      const [row] = await db.all(
        `SELECT COUNT(*) AS n FROM firings
         WHERE trigger_id = ? AND created_at >= ? AND status IN (${sqlList(MAY_HAVE_MOVED_MONEY)})`,
        [requireText(triggerId, "triggerId", ID_MAX), isoTime(since, "since")],
      );
      return row === undefined ? 0 : readInt(row, "n");
    },

    async list(input: ListFiringsInput): Promise<Firing[]> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (input.triggerId !== undefined) {
        where.push("trigger_id = ?");
        params.push(requireText(input.triggerId, "triggerId", ID_MAX));
      }
      if (input.before !== undefined) {
        where.push("created_at < ?");
        params.push(isoTime(input.before, "before"));
      }
      const filter = where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`;
      const rows = await db.all(
        `SELECT ${COLUMNS} FROM firings ${filter} ORDER BY created_at DESC, id DESC LIMIT ?`,
        [...params, requireInt(input.limit, "limit", 1, 10_000)],
      );
      return rows.map(toFiring);
    },
  };
}

/** A claim whose fields passed validation, ready to insert. */
export interface ValidClaim {
  triggerId: string;
  occurrence: string;
  idempotencyKey: string;
  ruleId: string;
  configHash: string;
  status: ClaimStatus;
  reason: string | null;
}

/** Checks a claim before any SQL runs (so a batch is refused whole). */
export function validateClaim(input: Omit<ClaimFiringInput, "fencing">): ValidClaim {
  const status = input.status ?? "claimed";
  if (!(CLAIM_STATUSES as readonly string[]).includes(status)) {
    throw new StoreError(
      "INVALID_INPUT",
      `a firing is created as ${CLAIM_STATUSES.join(", ")}, not "${String(status)}"`,
    );
  }
  const reason = optionalText(input.reason, "reason", ERROR_MESSAGE_MAX);
  if (REASON_REQUIRED.has(status) && reason === null) {
    throw new StoreError("INVALID_INPUT", `a "${status}" firing needs a reason`);
  }
  return {
    triggerId: requireText(input.triggerId, "triggerId", ID_MAX),
    occurrence: requireText(input.occurrence, "occurrence", ID_MAX),
    idempotencyKey: requireIdempotencyKey(input.idempotencyKey),
    ruleId: requireText(input.ruleId, "ruleId", ID_MAX),
    configHash: requireText(input.configHash, "configHash", ID_MAX),
    status,
    reason,
  };
}

/**
 * INSERT … ON CONFLICT DO NOTHING, then read back whatever holds the slot. Both statements run
 * in the caller's transaction; on Postgres a concurrent uncommitted claim makes the INSERT
 * wait for it, so the read-back sees the winner.
 */
export async function insertClaim(
  tx: SqlExecutor,
  claim: ValidClaim,
  nowIso: string,
  fencingToken: number | undefined,
): Promise<ClaimResult> {
  const [inserted] = await tx.all(
    `INSERT INTO firings (trigger_id, occurrence, idempotency_key, rule_id, status, attempts, reason,
       config_hash, fencing_token, created_at, updated_at, completed_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      claim.triggerId,
      claim.occurrence,
      claim.idempotencyKey,
      claim.ruleId,
      claim.status,
      claim.reason,
      claim.configHash,
      fencingToken ?? null,
      nowIso,
      nowIso,
      claim.status === "claimed" ? null : nowIso,
    ],
  );
  if (inserted !== undefined) return { claimed: true, firing: toFiring(inserted) };

  // Dry-run records have their own unique indexes: a dry run never blocks a live firing.
  const domain = claim.status === "dry-run" ? "status = 'dry-run'" : "status <> 'dry-run'";
  const rows = await tx.all(
    `SELECT ${COLUMNS} FROM firings
     WHERE ((trigger_id = ? AND occurrence = ?) OR idempotency_key = ?) AND ${domain} ORDER BY id`,
    [claim.triggerId, claim.occurrence, claim.idempotencyKey],
  );
  const byOccurrence = rows.find(
    (row) => row["trigger_id"] === claim.triggerId && row["occurrence"] === claim.occurrence,
  );
  if (byOccurrence !== undefined) {
    return { claimed: false, existing: toFiring(byOccurrence), conflict: "occurrence" };
  }
  const [byKey] = rows;
  if (byKey !== undefined) return { claimed: false, existing: toFiring(byKey), conflict: "idempotency-key" };
  throw new StoreError(
    "INTERNAL",
    `claim of ${claim.triggerId} @ ${claim.occurrence} was neither inserted nor blocked by an existing firing`,
  );
}

/** Maps a `firings` row. */
export function toFiring(row: Row): Firing {
  const status = readText(row, "status");
  if (!isFiringStatus(status)) throw new StoreError("INTERNAL", `firing has unknown status "${status}"`);
  return {
    id: readInt(row, "id"),
    triggerId: readText(row, "trigger_id"),
    occurrence: readText(row, "occurrence"),
    idempotencyKey: readText(row, "idempotency_key"),
    ruleId: readText(row, "rule_id"),
    status,
    attempts: readInt(row, "attempts"),
    lastErrorCode: readOptionalText(row, "last_error_code"),
    lastErrorMessage: readOptionalText(row, "last_error_message"),
    requestId: readOptionalText(row, "request_id"),
    reason: readOptionalText(row, "reason"),
    configHash: readText(row, "config_hash"),
    fencingToken: readOptionalInt(row, "fencing_token"),
    createdAt: readTime(row, "created_at"),
    updatedAt: readTime(row, "updated_at"),
    sentAt: readOptionalTime(row, "sent_at"),
    completedAt: readOptionalTime(row, "completed_at"),
    nextAttemptAt: readOptionalTime(row, "next_attempt_at"),
  };
}

/** A SQL list of constant status names (never user input). */
function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(", ");
}
