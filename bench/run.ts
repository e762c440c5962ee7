/**
 * `pnpm bench [suite…]`: runs each suite in its own process, one after the
 * other (they must not share the 2 cores), prints every suite's own table,
 * then a summary of all of them, and rewrites bench/results/README.md from
 * the latest result files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type LoadedResult, parseResult } from "./lib/load-result.js";
import { formatTable, RESULTS_DIR } from "./lib/results.js";
import { SUITES, selectSuites, usage } from "./lib/suites.js";
import { renderResultsReadme, resultNotes, type SuiteOutcome, summaryRows } from "./lib/summary.js";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = join(BENCH_DIR, "..");
/** sysexits EX_USAGE, like the seqd CLI. */
const EXIT_USAGE = 64;

process.exitCode = main(process.argv.slice(2));

function main(argv: readonly string[]): number {
  const selection = selectSuites(argv);
  switch (selection.kind) {
    case "help":
      process.stdout.write(usage());
      return 0;
    case "unknown": {
      const hint = selection.suggestion === undefined ? "" : ` (did you mean "${selection.suggestion}"?)`;
      process.stderr.write(`bench: unknown suite "${selection.name}"${hint}\n\n${usage()}`);
      return EXIT_USAGE;
    }
    case "run":
      break;
    default:
      throw new Error(`unhandled selection ${JSON.stringify(selection satisfies never)}`);
  }
  const outcomes = selection.suites.map(runSuite);
  const latest = readLatestResults();
  writeFileSync(join(RESULTS_DIR, "README.md"), renderResultsReadme(latest));

  console.log("\n== summary ==\n");
  for (const line of formatTable(summaryRows(outcomes))) console.log(line);
  const ran = outcomes.flatMap((outcome) => (outcome.status === "ran" ? [outcome.result] : []));
  for (const note of resultNotes(ran)) console.log(`\n${note}`);
  console.log(`\nwrote ${relative(REPO_DIR, join(RESULTS_DIR, "README.md"))}`);
  return outcomes.some((outcome) => outcome.status === "failed") ? 1 : 0;
}

function runSuite(suite: string): SuiteOutcome {
  const script = join(BENCH_DIR, suite, "run.ts");
  if (!existsSync(script))
    return { suite, status: "missing", reason: `missing: no ${relative(REPO_DIR, script)}` };
  console.log(`\n== ${suite} ==\n`);
  const started = Date.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", relative(REPO_DIR, script)], {
    cwd: REPO_DIR,
    stdio: "inherit",
  });
  const seconds = (Date.now() - started) / 1000;
  if (child.error !== undefined)
    return { suite, status: "failed", seconds, reason: `failed: ${child.error.message}` };
  if (child.status !== 0) {
    const how = child.status === null ? `signal ${child.signal}` : `exit ${child.status}`;
    return { suite, status: "failed", seconds, reason: `failed (${how})` };
  }
  const result = readResult(join(RESULTS_DIR, `${suite}.json`));
  if (result === undefined || !(Date.parse(result.date) >= started)) {
    return { suite, status: "failed", seconds, reason: "failed: wrote no result" };
  }
  return { suite, status: "ran", seconds, result };
}

function readResult(file: string): LoadedResult | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = parseResult(readFileSync(file, "utf8"));
  if ("error" in parsed) {
    console.error(`bench: ignoring ${relative(REPO_DIR, file)}: ${parsed.error}`);
    return undefined;
  }
  return parsed;
}

/** Every result file, in the registry's order, then any other suite's by name. */
function readLatestResults(): LoadedResult[] {
  const order: readonly string[] = SUITES.map((suite) => suite.name);
  const rank = (suite: string) => {
    const index = order.indexOf(suite);
    return index === -1 ? order.length : index;
  };
  return readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => readResult(join(RESULTS_DIR, name)) ?? [])
    .sort((a, b) => rank(a.suite) - rank(b.suite) || a.suite.localeCompare(b.suite));
}
