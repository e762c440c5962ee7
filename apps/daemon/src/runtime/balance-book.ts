import type { Cents } from "@seqd/core";
import type { AccountConfig, BalanceReading } from "@seqd/rules-engine";
import type { Store, BalanceReading as StoredReading } from "@seqd/store";
import type { Logger } from "pino";
import type { AliasReading } from "./account-mapping.js";
import type { StoreGuard } from "./store-guard.js";

/** A good balance and when it was read. */
export interface GoodBalance {
  cents: Cents;
  at: Date;
}

/**
 * An alias judged at one instant, for the amount endpoint and `/readyz`:
 * - `fresh`: the latest read succeeded and is at most `staleAfter` old;
 * - `stale`: the latest read succeeded but is older (thresholds hold, amounts use `onStale`);
 * - `unavailable`: the latest read failed (the last good value is shown, never used as 0);
 * - `unknown`: never read (or not a configured alias).
 */
export type BalanceView =
  | { status: "fresh"; cents: Cents; at: Date; ageMs: number }
  | { status: "stale"; cents: Cents; at: Date; ageMs: number }
  | { status: "unavailable"; reason: string; at: Date; lastGood: GoodBalance | undefined }
  | { status: "unknown" };

/** What changed in one {@link BalanceBook.record}. */
export interface BalanceChange {
  aliases: string[];
  at: Date;
}

/** The latest balance reading per configured alias. */
export interface BalanceBook {
  /** Reads the persisted cache, so a restart can answer before the first poll. */
  load(): Promise<void>;
  /** Applies one poll's readings (memory first, then the store), then tells the listeners. */
  record(readings: readonly AliasReading[], at: Date): Promise<void>;
  /** The latest reading of `alias` as the threshold engine takes it; undefined before any. */
  reading(alias: string): BalanceReading | undefined;
  /** The latest reading of every alias that has one. */
  readings(): ReadonlyMap<string, BalanceReading>;
  /** `alias` judged at `now` against `polling.staleAfter`. */
  view(alias: string, now: Date): BalanceView;
  /** The newest good balance, whatever came after it. */
  lastGood(alias: string): GoodBalance | undefined;
  /** The configured aliases. */
  aliases(): string[];
  /** Applies a reloaded config; aliases whose account match changed start empty. */
  configure(config: BalanceBookConfig): void;
  /** Called after every recorded poll (thresholds are re-evaluated on it). */
  onChange(listener: (change: BalanceChange) => void): () => void;
}

/** The config a book follows. */
export interface BalanceBookConfig {
  accounts: ReadonlyMap<string, AccountConfig>;
  staleAfterMs: number;
}

/** Options of {@link createBalanceBook}. */
export interface BalanceBookOptions extends BalanceBookConfig {
  store: Store;
  guard: StoreGuard;
  logger: Logger;
}

interface Entry {
  good: GoodBalance | undefined;
  failure: { reason: string; at: Date } | undefined;
}

/**
 * The key a balance is persisted under: the account match, not the alias, so renaming an
 * alias keeps its balance and re-pointing an alias at another account does not.
 */
export function balanceStoreKey(account: AccountConfig): string {
  return account.match.by === "id" ? `id:${account.match.id}` : `name:${account.match.name}`;
}

/**
 * The in-memory balance cache the poller fills and the engine and amount endpoints read. A
 * failed read never replaces the last good value (and is never 0): readers see
 * `unavailable` until a good read arrives. Staleness is judged when read, against `now`.
 *
 * @example
 * const book = createBalanceBook({ accounts: config.accounts, staleAfterMs, store, guard, logger });
 * await book.load();
 * book.view("checking", clock.now()); // { status: "fresh", cents: 250000, … }
 */
export function createBalanceBook(options: BalanceBookOptions): BalanceBook {
  const { store, guard, logger } = options;
  let accounts = options.accounts;
  let staleAfterMs = options.staleAfterMs;
  const entries = new Map<string, Entry>();
  const listeners = new Set<(change: BalanceChange) => void>();

  function latest(alias: string): BalanceReading | undefined {
    const entry = entries.get(alias);
    if (entry === undefined) return undefined;
    const { good, failure } = entry;
    // A failure newer than the last good read means "we do not know now".
    if (failure !== undefined && (good === undefined || failure.at > good.at)) {
      return { status: "unavailable", reason: failure.reason, at: failure.at };
    }
    return good === undefined ? undefined : { status: "ok", cents: good.cents, at: good.at };
  }

  return {
    async load() {
      const cached = await store.getBalances();
      for (const [alias, account] of accounts) {
        const row = cached.get(balanceStoreKey(account));
        if (row === undefined) continue;
        entries.set(alias, {
          good:
            row.lastGood === undefined
              ? undefined
              : { cents: row.lastGood.cents, at: row.lastGood.fetchedAt },
          failure: row.lastFailure,
        });
      }
    },

    async record(readings, at) {
      const stored: StoredReading[] = [];
      const changed: string[] = [];
      for (const reading of readings) {
        const account = accounts.get(reading.alias);
        if (account === undefined) continue;
        const entry = entries.get(reading.alias) ?? { good: undefined, failure: undefined };
        const key = balanceStoreKey(account);
        if (reading.status === "ok") {
          entry.good = { cents: reading.cents, at };
          stored.push({ account: key, ok: true, cents: reading.cents, fetchedAt: at });
        } else {
          entry.failure = { reason: reading.reason, at };
          stored.push({ account: key, ok: false, reason: reading.reason, at });
        }
        entries.set(reading.alias, entry);
        changed.push(reading.alias);
      }
      for (const listener of listeners) listener({ aliases: changed, at });
      try {
        await guard.write("putBalances", () => store.putBalances(stored));
      } catch (error) {
        // The readings are live in memory; only their survival across a restart is lost.
        logger.warn({ event: "balances.persist_failed", err: error }, "could not persist balances");
      }
    },

    reading: latest,

    readings() {
      const all = new Map<string, BalanceReading>();
      for (const alias of accounts.keys()) {
        const reading = latest(alias);
        if (reading !== undefined) all.set(alias, reading);
      }
      return all;
    },

    view(alias, now) {
      const reading = latest(alias);
      if (reading === undefined) return { status: "unknown" };
      if (reading.status === "unavailable") {
        return {
          status: "unavailable",
          reason: reading.reason,
          at: reading.at,
          lastGood: entries.get(alias)?.good,
        };
      }
      const ageMs = now.getTime() - reading.at.getTime();
      // Same rule as the threshold engine: exactly `staleAfter` old is still fresh.
      const status = ageMs > staleAfterMs ? "stale" : "fresh";
      return { status, cents: reading.cents, at: reading.at, ageMs };
    },

    lastGood: (alias) => entries.get(alias)?.good,

    aliases: () => [...accounts.keys()],

    configure(next) {
      for (const [alias, account] of accounts) {
        const replacement = next.accounts.get(alias);
        if (replacement === undefined || balanceStoreKey(replacement) !== balanceStoreKey(account)) {
          entries.delete(alias);
        }
      }
      accounts = next.accounts;
      staleAfterMs = next.staleAfterMs;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
