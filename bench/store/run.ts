/**
 * Store cost benchmark: firing claims per second (SQLite synchronous=FULL, which seqd ships,
 * vs NORMAL; Postgres when reachable) and amount-audit rows per second, batched (100 rows per
 * flush, what the daemon does) vs unbatched (one row per transaction).
 *
 *   node --import tsx bench/store/run.ts
 *
 * Prints a table and writes bench/results/store.json. There is no pass/fail goal: it reports
 * what durability and batching cost on this machine. The headline `ratio` is a cost ratio like
 * every suite's: NORMAL claims/s ÷ FULL claims/s, i.e. how many NORMAL claims fit in the time
 * of one FULL claim. Postgres: SEQD_TEST_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/test; a throwaway schema is created and dropped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AmountAuditInput, type OpenStoreOptions, openStore, type Store } from "@seqd/store";
import pg from "pg";
import { formatQuantity } from "../lib/format.js";
import { interleave } from "../lib/interleave.js";
import { fixed, printTable, round, roundSpread, type Spread, spread, writeResult } from "../lib/results.js";

const ROUNDS = 5;
const CLAIMS = 1_000;
const AUDIT_ROWS = 2_000;
const BATCH = 100;
const PG_URL = process.env["SEQD_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

const scratch = mkdtempSync(join(tmpdir(), "seqd-bench-store-"));
let databases = 0;

try {
  const [sqliteClaimsFull, sqliteClaimsNormal] = await pair(
    () => claimsPerSecond(sqliteUrl("claims-full"), { sqlite: { synchronous: "full" } }),
    () => claimsPerSecond(sqliteUrl("claims-normal"), { sqlite: { synchronous: "normal" } }),
  );
  const [sqliteAuditsUnbatched, sqliteAuditsBatched] = await pair(
    () => auditsPerSecond(sqliteUrl("audits-1"), {}, 1),
    () => auditsPerSecond(sqliteUrl("audits-100"), {}, BATCH),
  );

  const postgres = await postgresFigures();
  const sqliteVersion = await withStore(
    "sqlite::memory:",
    {},
    async (s) => (await s.describe()).settings["sqliteVersion"],
  );

  const rows: [string, Spread | undefined, string][] = [
    ["sqlite claims, synchronous=FULL (seqd)", sqliteClaimsFull, "claims/s"],
    ["sqlite claims, synchronous=NORMAL", sqliteClaimsNormal, "claims/s"],
    ["sqlite audits, 1 row per transaction", sqliteAuditsUnbatched, "rows/s"],
    [`sqlite audits, ${BATCH} rows per flush (seqd)`, sqliteAuditsBatched, "rows/s"],
    ["postgres claims", postgres.ok ? postgres.claims : undefined, "claims/s"],
    ["postgres audits, 1 row per transaction", postgres.ok ? postgres.auditsUnbatched : undefined, "rows/s"],
    [
      `postgres audits, ${BATCH} rows per flush (seqd)`,
      postgres.ok ? postgres.auditsBatched : undefined,
      "rows/s",
    ],
  ];
  printTable([
    ["measurement", "median", "min", "max", "unit"],
    ...rows.flatMap(([name, s, unit]) =>
      s === undefined
        ? []
        : [[name, formatQuantity(s.median), formatQuantity(s.min), formatQuantity(s.max), unit]],
    ),
  ]);
  if (!postgres.ok) console.log(postgres.reason);

  // The headline is the price of durability on the money path: each claim is fsynced (FULL)
  // before Sequence is called; the cost ratio says how much more a FULL claim costs than a
  // NORMAL one (NORMAL claims/s ÷ FULL claims/s).
  const costRatio = sqliteClaimsNormal.median / sqliteClaimsFull.median;
  console.log(`\nsynchronous=FULL claims cost ${fixed(costRatio)}× NORMAL's (reported, no goal)`);

  writeResult({
    suite: "store",
    unit: "claims/s",
    baseline: Math.round(sqliteClaimsNormal.median),
    seqd: Math.round(sqliteClaimsFull.median),
    ratio: round(costRatio),
    goal: null,
    met: null,
    baselineIs: "SQLite synchronous=NORMAL, one claim per transaction",
    seqdIs: "SQLite synchronous=FULL (what seqd ships), one claim per transaction",
    details: {
      versions: { sqlite: sqliteVersion, postgres: postgres.ok ? postgres.serverVersion : null },
      method: {
        rounds: ROUNDS,
        claimsPerRound: CLAIMS,
        auditRowsPerRound: AUDIT_ROWS,
        batch: BATCH,
        statistic: "median of rounds; paired measurements interleaved, order rotating each round",
      },
      sqlite: {
        claimsFull: whole(sqliteClaimsFull),
        claimsNormal: whole(sqliteClaimsNormal),
        auditsUnbatched: whole(sqliteAuditsUnbatched),
        auditsBatched: whole(sqliteAuditsBatched),
        auditBatchingSpeedup: round(sqliteAuditsBatched.median / sqliteAuditsUnbatched.median),
      },
      postgres: postgres.ok
        ? {
            url: PG_URL.replace(/:[^:@/]*@/, ":***@"),
            claims: whole(postgres.claims),
            auditsUnbatched: whole(postgres.auditsUnbatched),
            auditsBatched: whole(postgres.auditsBatched),
            auditBatchingSpeedup: round(postgres.auditsBatched.median / postgres.auditsUnbatched.median),
          }
        : { skipped: postgres.reason },
    },
  });
  console.log("\nwrote bench/results/store.json");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function sqliteUrl(name: string): string {
  databases += 1;
  return `sqlite:${join(scratch, `${name}-${databases}.db`)}`;
}

async function withStore<T>(
  url: string,
  options: OpenStoreOptions,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(url, options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function claimsPerSecond(url: string, options: OpenStoreOptions): Promise<number> {
  return withStore(url, options, async (store) => {
    const started = performance.now();
    for (let i = 0; i < CLAIMS; i++) {
      const result = await store.claimFiring({
        triggerId: "bench",
        occurrence: `occ-${i}`,
        idempotencyKey: `bench-${i}`,
        ruleId: "rule",
        configHash: "cfg",
      });
      if (!result.claimed) throw new Error(`claim ${i} was not new`);
    }
    return CLAIMS / ((performance.now() - started) / 1000);
  });
}

async function auditsPerSecond(url: string, options: OpenStoreOptions, batch: number): Promise<number> {
  return withStore(url, options, async (store) => {
    const started = performance.now();
    for (let start = 0; start < AUDIT_ROWS; start += batch) {
      const rows = Array.from({ length: Math.min(batch, AUDIT_ROWS - start) }, (_, i) => audit(start + i));
      await store.appendAmountAudits(rows);
    }
    const elapsed = (performance.now() - started) / 1000;
    const stored = await store.listAmountAudits({ limit: 10_000 });
    if (stored.length !== AUDIT_ROWS)
      throw new Error(`expected ${AUDIT_ROWS} audits, found ${stored.length}`);
    return AUDIT_ROWS / elapsed;
  });
}

function audit(i: number): AmountAuditInput {
  return {
    at: new Date(Date.UTC(2026, 2, 1) + i),
    endpoint: "top-up",
    requestId: `req-${i}`,
    inputs: {
      checking: { cents: 45_000, fetchedAt: "2026-03-01T11:59:00.000Z" },
      savings: { cents: 500_000 },
    },
    formulaHash: "f-1",
    raw: 105_000,
    clamped: 100_000,
    outcome: "ok",
  };
}

type PostgresFigures =
  | { ok: true; serverVersion: string; claims: Spread; auditsUnbatched: Spread; auditsBatched: Spread }
  | { ok: false; reason: string };

async function postgresFigures(): Promise<PostgresFigures> {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  const schemas: string[] = [];
  const url = (name: string) => {
    const schema = `seqd_bench_${process.pid}_${name}_${schemas.length}`;
    schemas.push(schema);
    return `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  };
  try {
    const version = await admin.query("SHOW server_version");
    const [claimsRounds] = await interleave([() => claimsPerSecond(url("claims"), {})], ROUNDS);
    const claims = spread(claimsRounds!);
    const [auditsUnbatched, auditsBatched] = await pair(
      () => auditsPerSecond(url("audits1"), {}, 1),
      () => auditsPerSecond(url("audits100"), {}, BATCH),
    );
    return {
      ok: true,
      serverVersion: String(version.rows[0]?.["server_version"]),
      claims,
      auditsUnbatched,
      auditsBatched,
    };
  } catch (error) {
    return {
      ok: false,
      reason: `Postgres not measured: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    for (const schema of schemas)
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

/** Two measurements interleaved round by round, so drift on a shared machine hits both alike. */
async function pair(a: () => Promise<number>, b: () => Promise<number>): Promise<[Spread, Spread]> {
  const [first, second] = await interleave([a, b], ROUNDS);
  return [spread(first!), spread(second!)];
}

/** Rates rounded to whole units per second for the JSON. */
function whole(s: Spread): Spread {
  return roundSpread(s, 0);
}
