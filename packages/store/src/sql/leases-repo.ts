import type { Clock } from "@seqd/core";
import { StoreError } from "../errors.js";
import type {
  AcquireLeaseInput,
  Fencing,
  LeaseStatus,
  ReleaseLeaseInput,
  RenewLeaseInput,
} from "../types.js";
import { isoTime, requireInt, requireText } from "../validate.js";
import type { Dialect, Row, SqlDriver, SqlExecutor } from "./driver.js";
import { readInt, readOptionalText, readTime } from "./row.js";

const MAX_TTL_MS = 7 * 24 * 60 * 60 * 1000;

interface LeaseRow {
  holder: string | undefined;
  token: number;
  expiresAt: Date;
}

/**
 * Leadership as a compare-and-set on one row per lease name. Expiry is judged by the injected
 * Clock, never by the database's: correctness does not rest on clocks (the unique claim and
 * the fencing token do that), and one time source keeps both backends testable on fake time.
 */
export function createLeasesRepo(db: SqlDriver, clock: Clock) {
  const { forUpdate } = db.dialect;

  async function lockRow(tx: SqlExecutor, name: string, nowIso: string): Promise<LeaseRow> {
    // The placeholder row gives concurrent first acquirers a row to lock instead of racing on INSERT.
    await tx.run(
      "INSERT INTO leases (name, holder, fencing_token, expires_at) VALUES (?, NULL, 0, ?) ON CONFLICT (name) DO NOTHING",
      [name, nowIso],
    );
    const [row] = await tx.all(
      `SELECT holder, fencing_token, expires_at FROM leases WHERE name = ?${forUpdate}`,
      [name],
    );
    if (row === undefined) throw new StoreError("INTERNAL", `lease "${name}" vanished inside a transaction`);
    return toLeaseRow(row);
  }

  return {
    acquire(input: AcquireLeaseInput): Promise<LeaseStatus> {
      const name = requireText(input.name, "lease name", 200);
      const holder = requireText(input.holder, "lease holder", 200);
      const ttlMs = requireInt(input.ttlMs, "ttlMs", 1, MAX_TTL_MS);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const nowIso = isoTime(now, "clock.now()");
        const current = await lockRow(tx, name, nowIso);
        const live = current.holder !== undefined && current.expiresAt > now;
        if (live && current.holder !== holder) return notLeader(current);
        const expiresAt = new Date(now.getTime() + ttlMs);
        if (live) {
          await tx.run("UPDATE leases SET expires_at = ?, renewed_at = ? WHERE name = ?", [
            expiresAt.toISOString(),
            nowIso,
            name,
          ]);
          return { leader: true, holder, fencingToken: current.token, expiresAt };
        }
        const token = current.token + 1;
        await tx.run(
          "UPDATE leases SET holder = ?, fencing_token = ?, expires_at = ?, acquired_at = ?, renewed_at = ? WHERE name = ?",
          [holder, token, expiresAt.toISOString(), nowIso, nowIso, name],
        );
        return { leader: true, holder, fencingToken: token, expiresAt };
      });
    },

    renew(input: RenewLeaseInput): Promise<LeaseStatus> {
      const name = requireText(input.name, "lease name", 200);
      const holder = requireText(input.holder, "lease holder", 200);
      const ttlMs = requireInt(input.ttlMs, "ttlMs", 1, MAX_TTL_MS);
      const token = requireInt(input.fencingToken, "fencingToken", 1, Number.MAX_SAFE_INTEGER);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const nowIso = isoTime(now, "clock.now()");
        const current = await lockRow(tx, name, nowIso);
        // An expired lease is lost even if nobody took it yet: the holder must re-acquire (a new term).
        if (current.holder !== holder || current.token !== token || current.expiresAt <= now) {
          return notLeader(current);
        }
        const expiresAt = new Date(now.getTime() + ttlMs);
        await tx.run("UPDATE leases SET expires_at = ?, renewed_at = ? WHERE name = ?", [
          expiresAt.toISOString(),
          nowIso,
          name,
        ]);
        return { leader: true, holder, fencingToken: token, expiresAt };
      });
    },

    async release(input: ReleaseLeaseInput): Promise<boolean> {
      const name = requireText(input.name, "lease name", 200);
      const holder = requireText(input.holder, "lease holder", 200);
      const token = requireInt(input.fencingToken, "fencingToken", 1, Number.MAX_SAFE_INTEGER);
      const nowIso = isoTime(clock.now(), "clock.now()");
      const changed = await db.run(
        "UPDATE leases SET holder = NULL, expires_at = ? WHERE name = ? AND holder = ? AND fencing_token = ?",
        [nowIso, name, holder, token],
      );
      return changed === 1;
    },
  };
}

/**
 * Throws `FENCED` unless `fencing.token` is the lease's current term. Run inside the write's
 * transaction: on Postgres the shared row lock makes a concurrent takeover wait until this
 * write commits, so a write either happens-before the new term or is refused.
 */
export async function checkFencing(tx: SqlExecutor, dialect: Dialect, fencing: Fencing): Promise<void> {
  const lease = requireText(fencing.lease, "fencing.lease", 200);
  const token = requireInt(fencing.token, "fencing.token", 1, Number.MAX_SAFE_INTEGER);
  const [row] = await tx.all(`SELECT fencing_token FROM leases WHERE name = ?${dialect.forShare}`, [lease]);
  if (row === undefined) {
    throw new StoreError(
      "FENCED",
      `lease "${lease}" does not exist: acquire it before writing with its token`,
    );
  }
  const current = readInt(row, "fencing_token");
  if (current !== token) {
    throw new StoreError(
      "FENCED",
      `fencing token ${token} of lease "${lease}" is not the current term (${current}): this instance is no longer the leader`,
    );
  }
}

function toLeaseRow(row: Row): LeaseRow {
  return {
    holder: readOptionalText(row, "holder"),
    token: readInt(row, "fencing_token"),
    expiresAt: readTime(row, "expires_at"),
  };
}

function notLeader(current: LeaseRow): LeaseStatus {
  return { leader: false, holder: current.holder, fencingToken: current.token, expiresAt: current.expiresAt };
}
