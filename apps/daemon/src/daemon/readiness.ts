import type { ReadyReport } from "../http/contract.js";
import type { BalanceBook } from "../runtime/balance-book.js";
import type { DaemonConfig } from "./daemon-config.js";

export interface ReadinessInput {
  config: DaemonConfig;
  bootedFromLastGood: boolean;
  storeHealthy: boolean;
  book: BalanceBook;
  now: Date;
  lastEvaluatedAt: Date | undefined;
}

/**
 * `/readyz`: ready when a config is loaded, the store takes writes and every configured
 * account has a fresh balance. Each check says why in words, so a failing probe explains itself.
 */
export function readiness(input: ReadinessInput): ReadyReport {
  const { config, book, now } = input;
  const hash = config.config.hash.slice(0, 12);
  const checks: ReadyReport["checks"] = {
    config: {
      ok: true,
      detail: input.bootedFromLastGood
        ? `running the last-known-good config ${hash}: the given config is invalid`
        : `config ${hash} loaded from ${config.path}`,
    },
    store: {
      ok: input.storeHealthy,
      detail: input.storeHealthy ? "store writable" : "store refuses writes: firing is paused (fail closed)",
    },
  };
  const notFresh: string[] = [];
  for (const alias of book.aliases()) {
    const view = book.view(alias, now);
    if (view.status !== "fresh") notFresh.push(`${alias} ${view.status}`);
  }
  checks["balances"] = {
    ok: notFresh.length === 0,
    detail:
      book.aliases().length === 0
        ? "no accounts configured"
        : notFresh.length === 0
          ? `${book.aliases().length} account(s) fresh`
          : `not fresh: ${notFresh.join(", ")}`,
  };
  checks["scheduler"] = {
    ok: true,
    detail:
      input.lastEvaluatedAt === undefined
        ? "no evaluation yet"
        : `last evaluation ${input.lastEvaluatedAt.toISOString()}`,
  };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
