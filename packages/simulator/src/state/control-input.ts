import type { Cents } from "@seqd/core";
import type { Ledger } from "../engine/ledger.js";
import type { StateIssue } from "../errors.js";
import { Checker, type PendingIssue } from "./check.js";
import type { FaultSpec, SimState } from "./types.js";
import { checkFault } from "./validate-faults.js";

/** One account's change from `POST /__sim/balances` (undefined = leave as is). */
export interface BalanceChange {
  id: string;
  balance?: Cents;
  unavailable?: string | null;
}

type Checked<T> = ({ ok: true } & T) | { ok: false; issues: StateIssue[] };

/** Checks `{ "<id>": money | { balance?, unavailable? } }` against the live accounts. */
export function checkBalanceChanges(
  changes: Record<string, unknown>,
  ledger: Ledger,
): Checked<{ changes: BalanceChange[] }> {
  const check = new Checker();
  const known = new Set(ledger.list().map((account) => account.id));
  const result: BalanceChange[] = [];
  for (const [id, value] of Object.entries(changes)) {
    check.reference(id, known, [id], "account");
    if (!known.has(id)) continue;
    if (value === null || typeof value !== "object") {
      const balance = check.money(value, [id], "balance");
      if (balance !== undefined) result.push({ id, balance });
      continue;
    }
    const raw = check.object(value, [id], "balance change", { optional: ["balance", "unavailable"] });
    if (!raw) continue;
    const change: BalanceChange = { id };
    if (raw["balance"] !== undefined) {
      const balance = check.money(raw["balance"], [id, "balance"], "balance");
      if (balance !== undefined) change.balance = balance;
    }
    if (raw["unavailable"] === null) change.unavailable = null;
    else if (raw["unavailable"] !== undefined) {
      const error = check.string(raw["unavailable"], [id, "unavailable"], "unavailable");
      if (error !== undefined) change.unavailable = error;
    }
    result.push(change);
  }
  return check.issues.length === 0
    ? { ok: true, changes: result }
    : { ok: false, issues: strip(check.issues) };
}

/** Checks faults posted at run time against the current state's accounts and rules. */
export function checkFaultInputs(
  inputs: readonly unknown[],
  state: SimState,
): Checked<{ specs: FaultSpec[] }> {
  const check = new Checker();
  const refs = {
    accounts: new Set(state.accounts.map((account) => account.id)),
    rules: new Set(state.rules.map((rule) => rule.id)),
  };
  const specs = inputs.flatMap((input, i) => {
    const spec = checkFault(check, input, ["faults", i], refs);
    return spec ? [spec] : [];
  });
  return check.issues.length === 0 ? { ok: true, specs } : { ok: false, issues: strip(check.issues) };
}

function strip(issues: PendingIssue[]): StateIssue[] {
  return issues.map(({ atKey: _atKey, ...issue }) => issue);
}
