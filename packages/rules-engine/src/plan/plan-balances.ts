import { didYouMean, parseMoney } from "@seqd/core";
import type { BalanceReading } from "../threshold/index.js";

export type PlanBalancesParse =
  | { ok: true; balances: Map<string, BalanceReading> }
  | { ok: false; problems: string[] };

/**
 * Reads a `seqd plan --balances` document: a JSON object from account alias to a money
 * string (`"$1_500"`, `"$12.50"`), integer cents (`150000`) or `"unavailable"` (a failed read).
 * Every reading is taken at `at`, so it is fresh. Collects every problem.
 *
 * @example parsePlanBalances({ checking: "$450", savings: 500000 }, { accounts, at: from })
 */
export function parsePlanBalances(
  value: unknown,
  options: { accounts: readonly string[]; at: Date },
): PlanBalancesParse {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: ['the balances file must hold a JSON object: { "checking": "$1_500", … }'],
    };
  }
  const balances = new Map<string, BalanceReading>();
  const problems: string[] = [];
  for (const [alias, raw] of Object.entries(value)) {
    if (!options.accounts.includes(alias)) {
      const guess = didYouMean(alias, options.accounts);
      problems.push(`unknown account "${alias}"${guess ? ` (did you mean "${guess}"?)` : ""}`);
      continue;
    }
    if (raw === "unavailable") {
      balances.set(alias, {
        status: "unavailable",
        reason: "unavailable in the balances file",
        at: options.at,
      });
      continue;
    }
    const money = parseMoney(raw);
    if (money.ok) balances.set(alias, { status: "ok", cents: money.cents, at: options.at });
    else problems.push(`balance of "${alias}": ${money.message}${money.hint ? ` (${money.hint})` : ""}`);
  }
  return problems.length === 0 ? { ok: true, balances } : { ok: false, problems };
}
