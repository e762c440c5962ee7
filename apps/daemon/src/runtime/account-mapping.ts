import type { AccountReading, Cents } from "@seqd/core";
import type { AccountConfig } from "@seqd/rules-engine";

/** One alias's reading from one poll: a balance, or why there is none (never 0). */
export type AliasReading =
  | { alias: string; status: "ok"; cents: Cents; accountId: string }
  | { alias: string; status: "unavailable"; reason: string; accountId: string | undefined };

/** A configured account name that could not be bound to exactly one Sequence account. */
export interface NameProblem {
  alias: string;
  name: string;
  problem: "missing" | "ambiguous";
  /** The ids that carry the name (ambiguous only). */
  candidates: string[];
}

/** The result of {@link mapAccounts}. */
export interface AccountMapping {
  readings: AliasReading[];
  /** Name-matched aliases bound by this poll (alias → Sequence id), to keep for later polls. */
  bound: Map<string, string>;
  problems: NameProblem[];
}

/**
 * Maps one `POST /accounts` answer onto the configured aliases. An alias matched by id reads
 * that account; an alias matched by name is bound to the id of the one account with that name
 * the first time it is seen (so a later rename does not break it), and stays unavailable while
 * no account, or several, carry the name. An account absent from the answer or whose balance
 * Sequence could not read is unavailable, never 0.
 *
 * @example
 * mapAccounts([{ alias: "checking", match: { by: "id", id: "1" }, pos }], accounts, new Map())
 * // { readings: [{ alias: "checking", status: "ok", cents: 250000, accountId: "1" }], bound: Map {}, problems: [] }
 */
export function mapAccounts(
  aliases: Iterable<AccountConfig>,
  accounts: readonly AccountReading[],
  boundBefore: ReadonlyMap<string, string>,
): AccountMapping {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const readings: AliasReading[] = [];
  const bound = new Map<string, string>();
  const problems: NameProblem[] = [];
  for (const { alias, match } of aliases) {
    let id: string | undefined;
    if (match.by === "id") {
      id = match.id;
    } else {
      id = boundBefore.get(alias);
      if (id === undefined) {
        const named = accounts.filter((account) => account.name === match.name);
        const [only] = named;
        if (only !== undefined && named.length === 1) {
          id = only.id;
          bound.set(alias, id);
        } else {
          const problem = named.length === 0 ? "missing" : "ambiguous";
          problems.push({ alias, name: match.name, problem, candidates: named.map((account) => account.id) });
          const reason =
            problem === "missing"
              ? `no Sequence account is named ${JSON.stringify(match.name)}`
              : `${named.length} Sequence accounts are named ${JSON.stringify(match.name)} (ids ${named.map((a) => a.id).join(", ")}): match this alias by id`;
          readings.push({ alias, status: "unavailable", reason, accountId: undefined });
          continue;
        }
      }
    }
    const account = byId.get(id);
    if (account === undefined) {
      readings.push({
        alias,
        status: "unavailable",
        reason: `account ${id} is not in Sequence's answer (deleted, or not visible to this access token)`,
        accountId: id,
      });
    } else if (account.balance.ok) {
      readings.push({ alias, status: "ok", cents: account.balance.cents, accountId: id });
    } else {
      readings.push({ alias, status: "unavailable", reason: account.balance.error, accountId: id });
    }
  }
  return { readings, bound, problems };
}
