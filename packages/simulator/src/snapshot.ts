import { formatDuration } from "./duration.js";
import type { ActiveFault } from "./engine/faults.js";
import type { Runtime } from "./runtime.js";
import type { AccountType, DuplicateMode, KeyFormat, KeyScope } from "./state/types.js";

/** What `GET /__sim/state` answers: balances in cents, rules, limits and counters. */
export interface SimSnapshot {
  now: string;
  accounts: Array<{
    id: string;
    name: string;
    type: AccountType;
    balanceInCents: number;
    unavailable: string | null;
  }>;
  rules: Array<{
    id: string;
    apiTrigger: boolean;
    actions: number;
    rateLimit: { max: number; window: string; retryAfter: "computed" | number | null; used: number } | null;
  }>;
  idempotency: {
    retention: string;
    duplicate: DuplicateMode;
    scope: KeyScope;
    keyFormat: KeyFormat;
    keys: number;
  };
  faults: ActiveFault[];
  executions: { total: number; pending: number };
  transfers: number;
}

export function buildSnapshot(runtime: Runtime): SimSnapshot {
  const nowMs = runtime.clock.now().getTime();
  const policy = runtime.state.idempotency;
  return {
    now: new Date(nowMs).toISOString(),
    accounts: runtime.ledger.list().map((account) => ({
      id: account.id,
      name: account.name,
      type: account.type,
      balanceInCents: account.balance,
      unavailable: account.unavailable,
    })),
    rules: runtime.state.rules.map((rule) => ({
      id: rule.id,
      apiTrigger: rule.apiTrigger,
      actions: rule.actions.length,
      rateLimit: rule.rateLimit && {
        max: rule.rateLimit.max,
        window: formatDuration(rule.rateLimit.windowMs),
        retryAfter: rule.rateLimit.retryAfter,
        used: runtime.limiter.used(rule.id, rule.rateLimit, nowMs),
      },
    })),
    idempotency: {
      retention: formatDuration(policy.retentionMs),
      duplicate: policy.duplicate,
      scope: policy.scope,
      keyFormat: policy.keyFormat,
      keys: runtime.idempotency.size(nowMs),
    },
    faults: runtime.faults.list(),
    executions: { total: runtime.executor.executions().length, pending: runtime.executor.pending() },
    transfers: runtime.executor.transfers().length,
  };
}
