import { createRandom } from "../random.js";
import { createWatchedPool } from "../watched-pool.js";
import type { ConfigSeed } from "../workspace.js";
import type { CaseOutcome } from "./judge-case.js";
import type { CaseRequest } from "./load-worker.js";
import { mutate } from "./mutations.js";

/** A case that did not end valid or with positioned errors; its seed replays it. */
export interface FuzzFinding {
  caseSeed: number;
  base: string;
  mutations: string[];
  kind: "crash" | "hang" | "unpositioned" | "worker-died";
  detail: string;
}

/** Totals of one fuzz run. */
export interface ConfigFuzzReport {
  cases: number;
  valid: number;
  invalid: number;
  /** Mutations applied (a case stacks one to three). */
  mutations: number;
  findings: FuzzFinding[];
  workerRestarts: number;
}

/** Options of {@link runConfigFuzz}. */
export interface ConfigFuzzOptions {
  seeds: readonly ConfigSeed[];
  cases: number;
  /** Case `i` uses seed `seed + i`: one case replays alone. */
  seed: number;
  workers: number;
  /** Real time one case may take before it counts as a hang. */
  budgetMs: number;
  /** "Now" for the loader's look-ahead checks. */
  now: Date;
  /** How to build a case from a seed text; default {@link mutate}. */
  mutator?: typeof mutate;
}

/**
 * Mutates the seed configs and judges each case in worker threads under a watchdog: every case
 * must load valid or fail with positioned issues, never throw or hang.
 *
 * @example
 * const report = await runConfigFuzz({ seeds: await exampleConfigs(), cases: 10_000, seed: 1, workers: 2, budgetMs: 5_000, now });
 * report.findings; // []
 */
export async function runConfigFuzz(options: ConfigFuzzOptions): Promise<ConfigFuzzReport> {
  const pool = createWatchedPool<Omit<CaseRequest, "id">, CaseOutcome>({
    worker: new URL("./load-worker.ts", import.meta.url),
    size: options.workers,
    budgetMs: options.budgetMs,
  });
  const mutator = options.mutator ?? mutate;
  const report: ConfigFuzzReport = {
    cases: 0,
    valid: 0,
    invalid: 0,
    mutations: 0,
    findings: [],
    workerRestarts: 0,
  };
  const nowMs = options.now.getTime();

  async function runCase(index: number): Promise<void> {
    const caseSeed = options.seed + index;
    const base = options.seeds[index % options.seeds.length]!;
    const { text, applied } = mutator(base.text, createRandom(caseSeed));
    const answer = await pool.run({ path: base.path, text, nowMs });
    report.cases += 1;
    report.mutations += applied.length;
    const finding = (kind: FuzzFinding["kind"], detail: string) =>
      report.findings.push({ caseSeed, base: base.path, mutations: applied, kind, detail });
    if (!answer.ok) return void finding(answer.reason, answer.detail);
    const outcome = answer.value;
    switch (outcome.kind) {
      case "valid":
        report.valid += 1;
        return;
      case "invalid":
        report.invalid += 1;
        return;
      case "unpositioned":
        return void finding("unpositioned", outcome.issues.join("\n"));
      case "crash":
        return void finding("crash", outcome.error);
    }
  }

  try {
    // A bounded window of cases in flight: texts are made just before they are needed.
    let next = 0;
    const lane = async () => {
      while (next < options.cases) await runCase(next++);
    };
    await Promise.all(Array.from({ length: options.workers * 4 }, lane));
  } finally {
    report.workerRestarts = pool.restarts();
    await pool.close();
  }
  return report;
}
