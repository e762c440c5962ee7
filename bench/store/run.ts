/**
 * Store cost benchmark: firing claims per second (SQLite synchronous=FULL, which seqd ships,
 * vs NORMAL; Postgres when reachable) and amount-audit rows per second, batched (100 rows per
 * flush, what the daemon does) vs unbatched (one row per transaction).
 *
 *   node --import tsx bench/store/run.ts
 *
 * Prints a table and writes bench/results/store.json. There is no pass/fail goal: it reports
 * what durability and batching cost on this machine. Postgres: SEQD_TEST_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/test; a throwaway schema is created and dropped.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AmountAuditInput,
  type OpenStoreOptions,
  openStore,
  type Store,
} from "../../packages/store/src/index.js";

const ROUNDS = 5;
const CLAIMS = 1_000;
const AUDIT_ROWS = 2_000;
const BATCH = 100;
const PG_URL = process.env["SEQD_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

interface Sample {
  median: number;
  min: number;
  max: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, "..", "results", "store.json");
const scratch = mkdtempSync(join(tmpdir(), "seqd-bench-store-"));

try {
  const [sqliteClaimsFull, sqliteClaimsNormal] = await interleaved(
    () => claimsPerSecond(sqliteUrl("claims-full"), { sqlite: { synchronous: "full" } }),
    () => claimsPerSecond(sqliteUrl("claims-normal"), { sqlite: { synchronous: "normal" } }),
  );
  const [sqliteAuditsUnbatched, sqliteAuditsBatched] = await interleaved(
    () => auditsPerSecond(sqliteUrl("audits-1"), {}, 1),
    () => auditsPerSecond(sqliteUrl("audits-100"), {}, BATCH),
  );

  const postgres = await postgresFigures();
  const sqliteVersion = await withStore(
    "sqlite::memory:",
    {},
    async (s) => (await s.describe()).settings["sqliteVersion"],
  );

  const rows: [string, Sample | undefined, string][] = [
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
  printTable(rows, postgres.ok ? undefined : postgres.reason);

  const result = {
    suite: "store",
    // The headline is the price of durability on the money path: each claim is fsynced (FULL)
    // before Sequence is called, against the cheaper NORMAL setting.
    baseline: round(sqliteClaimsNormal.median),
    seqd: round(sqliteClaimsFull.median),
    ratio: round2(sqliteClaimsFull.median / sqliteClaimsNormal.median),
    goal: null,
    met: null,
    unit: "claims/s",
    baselineIs: "SQLite synchronous=NORMAL, one claim per transaction",
    seqdIs: "SQLite synchronous=FULL, one claim per transaction",
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${release()}`,
      arch: process.arch,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: round2(totalmem() / 2 ** 30),
      sqlite: sqliteVersion,
      postgres: postgres.ok ? postgres.serverVersion : null,
    },
    method: {
      rounds: ROUNDS,
      claimsPerRound: CLAIMS,
      auditRowsPerRound: AUDIT_ROWS,
      batch: BATCH,
      statistic: "median of rounds; paired measurements alternate round by round",
    },
    details: {
      sqlite: {
        claimsFull: sample(sqliteClaimsFull),
        claimsNormal: sample(sqliteClaimsNormal),
        auditsUnbatched: sample(sqliteAuditsUnbatched),
        auditsBatched: sample(sqliteAuditsBatched),
        auditBatchingSpeedup: round2(sqliteAuditsBatched.median / sqliteAuditsUnbatched.median),
      },
      postgres: postgres.ok
        ? {
            url: PG_URL.replace(/:[^:@/]*@/, ":***@"),
            claims: sample(postgres.claims),
            auditsUnbatched: sample(postgres.auditsUnbatched),
            auditsBatched: sample(postgres.auditsBatched),
            auditBatchingSpeedup: round2(postgres.auditsBatched.median / postgres.auditsUnbatched.median),
          }
        : { skipped: postgres.reason },
    },
  };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${resultsFile}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function sqliteUrl(name: string): string {
  return `sqlite:${join(scratch, `${name}-${Math.random().toString(36).slice(2)}.db`)}`;
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
  | { ok: true; serverVersion: string; claims: Sample; auditsUnbatched: Sample; auditsBatched: Sample }
  | { ok: false; reason: string };

async function postgresFigures(): Promise<PostgresFigures> {
  // pg is a dependency of @seqd/store, not of the workspace root: load it from there.
  const pg = createRequire(join(here, "..", "..", "packages", "store", "package.json"))("pg") as {
    Pool: new (config: {
      connectionString: string;
      max: number;
    }) => {
      query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
      end(): Promise<void>;
    };
  };
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  const schemas: string[] = [];
  const url = (name: string) => {
    const schema = `seqd_bench_${process.pid}_${name}_${schemas.length}`;
    schemas.push(schema);
    return `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  };
  try {
    const version = await admin.query("SHOW server_version");
    const claims = await rounds(() => claimsPerSecond(url("claims"), {}));
    const [auditsUnbatched, auditsBatched] = await interleaved(
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

async function rounds(measure: () => Promise<number>): Promise<Sample> {
  const values: number[] = [];
  for (let i = 0; i < ROUNDS; i++) values.push(await measure());
  return summarize(values);
}

/** Alternates two measurements round by round, so drift on a shared machine hits both alike. */
async function interleaved(a: () => Promise<number>, b: () => Promise<number>): Promise<[Sample, Sample]> {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    first.push(await a());
    second.push(await b());
  }
  return [summarize(first), summarize(second)];
}

function summarize(values: number[]): Sample {
  const sorted = [...values].sort((x, y) => x - y);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

function sample(s: Sample): Sample {
  return { median: round(s.median), min: round(s.min), max: round(s.max) };
}

function printTable(rows: [string, Sample | undefined, string][], skipped: string | undefined): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `${"measurement".padEnd(width)}  ${"median".padStart(9)}  ${"min".padStart(9)}  ${"max".padStart(9)}  unit`,
  );
  for (const [name, s, unit] of rows) {
    if (s === undefined) continue;
    const cells = [s.median, s.min, s.max].map((v) => String(round(v)).padStart(9));
    console.log(`${name.padEnd(width)}  ${cells.join("  ")}  ${unit}`);
  }
  if (skipped !== undefined) console.log(skipped);
}

function round(value: number): number {
  return Math.round(value);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
