import type { Clock } from "@seqd/core";
import type { BalanceReading, CachedBalance } from "../types.js";
import { clippedText, isoTime, requireCents, requireText } from "../validate.js";
import type { SqlDriver, SqlValue } from "./driver.js";
import { readOptionalInt, readOptionalText, readOptionalTime, readText } from "./row.js";

// A good reading touches only the good columns and a failure only the failure columns, so an
// unavailable read can never turn the last good balance into 0. Each side keeps the newest.
const PUT_GOOD = `INSERT INTO balances (account, cents, fetched_at, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (account) DO UPDATE SET cents = excluded.cents, fetched_at = excluded.fetched_at,
    updated_at = excluded.updated_at
  WHERE balances.fetched_at IS NULL OR balances.fetched_at <= excluded.fetched_at`;

const PUT_FAILURE = `INSERT INTO balances (account, failure_reason, failed_at, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (account) DO UPDATE SET failure_reason = excluded.failure_reason,
    failed_at = excluded.failed_at, updated_at = excluded.updated_at
  WHERE balances.failed_at IS NULL OR balances.failed_at <= excluded.failed_at`;

/** The balance cache: last good value and last failure per account. */
export function createBalancesRepo(db: SqlDriver, clock: Clock) {
  return {
    async put(readings: readonly BalanceReading[]): Promise<void> {
      const statements = readings.map((reading, index) => toStatement(reading, index));
      if (statements.length === 0) return;
      const now = isoTime(clock.now(), "clock.now()");
      await db.transaction(async (tx) => {
        for (const [sql, params] of statements) await tx.run(sql, [...params, now]);
      });
    },

    async getAll(): Promise<Map<string, CachedBalance>> {
      const rows = await db.all(
        "SELECT account, cents, fetched_at, failure_reason, failed_at FROM balances ORDER BY account",
      );
      const balances = new Map<string, CachedBalance>();
      for (const row of rows) {
        const account = readText(row, "account");
        const cents = readOptionalInt(row, "cents");
        const fetchedAt = readOptionalTime(row, "fetched_at");
        const reason = readOptionalText(row, "failure_reason");
        const failedAt = readOptionalTime(row, "failed_at");
        balances.set(account, {
          account,
          lastGood: cents !== undefined && fetchedAt !== undefined ? { cents, fetchedAt } : undefined,
          lastFailure: reason !== undefined && failedAt !== undefined ? { reason, at: failedAt } : undefined,
        });
      }
      return balances;
    },
  };
}

function toStatement(reading: BalanceReading, index: number): [string, SqlValue[]] {
  const field = `readings[${index}]`;
  const account = requireText(reading.account, `${field}.account`, 200);
  if (reading.ok) {
    return [
      PUT_GOOD,
      [
        account,
        requireCents(reading.cents, `${field}.cents`),
        isoTime(reading.fetchedAt, `${field}.fetchedAt`),
      ],
    ];
  }
  return [
    PUT_FAILURE,
    [
      account,
      // Reasons come from remote errors: clip them rather than lose the failure.
      clippedText(requireText(reading.reason, `${field}.reason`, Number.MAX_SAFE_INTEGER), 2000),
      isoTime(reading.at, `${field}.at`),
    ],
  ];
}
