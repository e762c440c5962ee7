import { didYouMean } from "@seqd/core";

/** Every suite `pnpm bench` knows, in the order it runs them: cheap and quiet first, HTTP load last. */
export const SUITES = [
  { name: "formula", describe: "seqd-compiled formulas vs hand-written JavaScript" },
  {
    name: "engine",
    describe: "one decision cycle (10k accounts, 1k thresholds, 1k schedules) vs a hand-written loop",
  },
  { name: "store", describe: "firing claims/s (SQLite FULL vs NORMAL, Postgres) and amount-audit batching" },
  { name: "cold-start", describe: "seqd validate and seqd --version vs node -e 0, in ms" },
  { name: "endpoint", describe: "the amount endpoint under wrk vs bare node:http and plain Hono" },
] as const;

export type SuiteName = (typeof SUITES)[number]["name"];

/** What the command line asked for. */
export type SuiteSelection =
  | { kind: "run"; suites: SuiteName[] }
  | { kind: "help" }
  | { kind: "unknown"; name: string; suggestion: string | undefined };

const NAMES: readonly string[] = SUITES.map((suite) => suite.name);

/**
 * Reads `pnpm bench [suite…]`: no names runs every suite; names run those, in
 * the registry's order and each once; the first unknown name is reported.
 */
export function selectSuites(argv: readonly string[]): SuiteSelection {
  if (argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  const wanted = new Set<string>();
  for (const name of argv) {
    if (!NAMES.includes(name)) return { kind: "unknown", name, suggestion: didYouMean(name, NAMES) };
    wanted.add(name);
  }
  const suites: SuiteName[] = SUITES.map((suite) => suite.name);
  return { kind: "run", suites: suites.filter((name) => wanted.size === 0 || wanted.has(name)) };
}

/** The usage text, listing every suite. */
export function usage(): string {
  const width = Math.max(...NAMES.map((name) => name.length));
  const lines = SUITES.map((suite) => `  ${suite.name.padEnd(width)}  ${suite.describe}`);
  return [
    "Usage: pnpm bench [suite…]",
    "",
    "Runs the named suites (all of them without names), each in its own process, and writes",
    "bench/results/<suite>.json and bench/results/README.md.",
    "",
    "Suites:",
    ...lines,
    "",
  ].join("\n");
}
