/**
 * seqd's entry in the endpoint suite: a real `seqd run` child on a config written into the
 * scratch directory, balances from a simulator the suite starts in its own process (polled once
 * at start-up, so the cache is warm and nothing polls during load), a SQLite store in the
 * scratch directory (every answer's audit row is really written).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type StateInput, startSimulator } from "@seqd/simulator";
import type { Launch, LaunchContext } from "./servers.js";

/** The bench endpoint's id; its path is the request's path, its token the request's bearer token. */
export const SEQD_ENDPOINT_ID = "bench";

/** Credentials of the bench simulator; nothing real. */
const ACCESS_TOKEN = "bench-access-token";

/**
 * Balances that make the formula take its interesting branch: checking is below $1,000, so the
 * answer is computed from both balances and then clamped by `min`/`max` ($800 here).
 */
const SIM_STATE: StateInput = {
  accounts: [
    { id: "5579244", name: "Checking", type: "Account", balance: "$200" },
    { id: "5579245", name: "Savings Pod", type: "Pod", balance: "$5_000" },
  ],
  tokens: [{ token: ACCESS_TOKEN }],
};

/** The config `seqd run` serves: one amount endpoint over two cached balances, clamped. */
export function benchConfig(options: {
  apiUrl: string;
  port: number;
  storePath: string;
  path: string;
}): string {
  return `version: 1
timezone: UTC
sequence:
  apiUrl: ${options.apiUrl}
  accessToken: { env: SEQUENCE_ACCESS_TOKEN }
server:
  listen: 127.0.0.1:${options.port}
store: sqlite:${options.storePath}
accounts:
  checking: { id: "5579244" }
  savings: { id: "5579245" }
# One poll at start-up; readings stay fresh for the whole run, so no poll competes with the load.
polling:
  every: 1h
  staleAfter: 4h
amounts:
  ${SEQD_ENDPOINT_ID}:
    path: ${options.path}
    token: { env: BENCH_AMOUNT_TOKEN }
    formula: clamp($1_000 - balance(checking), $0, max(balance(savings) - $100, $0))
    min: $1
    max: $1_000
`;
}

/**
 * Starts the simulator, writes the config and returns how to run `seqd run` on it. `bin` is the
 * seqd launcher (`apps/daemon/bin/seqd.mjs`); `token` the amount token the request carries.
 */
export async function launchSeqd(
  context: LaunchContext,
  options: { bin: string; path: string; token: string },
): Promise<Launch> {
  const sim = await startSimulator({ state: SIM_STATE });
  // A fresh directory per launch: each cold start opens a new store, as a first deployment would.
  const dir = mkdtempSync(join(context.scratch, "seqd-"));
  const configPath = join(dir, "seqd-bench.yaml");
  writeFileSync(
    configPath,
    benchConfig({
      apiUrl: sim.url,
      port: context.port,
      storePath: join(dir, "seqd-bench.db"),
      path: options.path,
    }),
  );
  return {
    args: [options.bin, "run", configPath],
    // Production logging: info level, JSON lines (stdout is the suite's log file, not a TTY).
    env: { SEQUENCE_ACCESS_TOKEN: ACCESS_TOKEN, BENCH_AMOUNT_TOKEN: options.token, SEQD_LOG_LEVEL: "info" },
    cleanup: () => sim.stop(),
  };
}
