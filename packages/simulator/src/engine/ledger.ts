import type { Cents } from "@seqd/core";
import type { SimAccount } from "../state/types.js";

/** Live account balances (integer cents) and read failures, in state order. */
export interface Ledger {
  list(): SimAccount[];
  get(id: string): SimAccount | undefined;
  has(id: string): boolean;
  setBalance(id: string, cents: Cents): void;
  setUnavailable(id: string, error: string | null): void;
  /** Moves money between two accounts; balances may not go below zero through a transfer. */
  move(from: string, to: string, cents: Cents): void;
}

/** A ledger starting from copies of the given accounts (the state itself is never mutated). */
export function createLedger(accounts: readonly SimAccount[]): Ledger {
  const byId = new Map(accounts.map((account) => [account.id, { ...account }]));
  const need = (id: string): SimAccount => {
    const account = byId.get(id);
    if (!account) throw new RangeError(`unknown account "${id}"`);
    return account;
  };
  return {
    list: () => [...byId.values()].map((account) => ({ ...account })),
    get: (id) => {
      const account = byId.get(id);
      return account ? { ...account } : undefined;
    },
    has: (id) => byId.has(id),
    setBalance(id, cents) {
      need(id).balance = cents;
    },
    setUnavailable(id, error) {
      need(id).unavailable = error;
    },
    move(from, to, cents) {
      const source = need(from);
      const destination = need(to);
      if (!Number.isSafeInteger(cents) || cents <= 0 || cents > source.balance) {
        throw new RangeError(`cannot move ${cents} cents from "${from}" holding ${source.balance}`);
      }
      source.balance -= cents;
      destination.balance += cents;
    },
  };
}
