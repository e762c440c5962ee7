import {
  AuthError,
  type Clock,
  defaultAccountsRetryPolicy,
  type RetryPolicy,
  type Secret,
  type SequenceClient,
  SequenceError,
  withRetry,
} from "@seqd/core";
import type { AccountConfig } from "@seqd/rules-engine";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";
import { type AliasReading, mapAccounts, type NameProblem } from "./account-mapping.js";
import type { Alerter } from "./alerter.js";
import type { BalanceBook } from "./balance-book.js";
import { nextPollDelay } from "./poll-schedule.js";
import { requestStatusLabel } from "./request-status.js";
import { createTaskTracker } from "./task-tracker.js";
import { sleep, type TimerHandle, type Timers } from "./timers.js";

/** What the poller follows from the config (replaced on reload). */
export interface PollerConfig {
  /** `sequence.accessToken`, resolved. */
  token: Secret;
  accounts: ReadonlyMap<string, AccountConfig>;
  everyMs: number;
  staleAfterMs: number;
}

/** Options of {@link createPoller}. */
export interface PollerOptions extends PollerConfig {
  client: SequenceClient;
  book: BalanceBook;
  alerter: Alerter;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  metrics: Metrics;
  /** Uniform in [0, 1): retry and poll jitter. */
  random: () => number;
  /** Runs after each cycle (the staleness watch, threshold re-evaluation). */
  afterPoll?: (outcome: PollOutcome) => Promise<void> | void;
  /** Default `defaultAccountsRetryPolicy`. */
  retryPolicy?: RetryPolicy;
}

/** How one poll cycle ended. */
export type PollOutcome =
  | { status: "ok"; readings: AliasReading[] }
  | { status: "failed"; unauthorized: boolean; error: SequenceError }
  | { status: "stopped" };

/** Reads balances from Sequence every `polling.every` into the balance book. */
export interface Poller {
  /** Polls now, then keeps polling on the timers. */
  start(): void;
  /** One cycle now (retries included); does not disturb the schedule. */
  pollNow(): Promise<PollOutcome>;
  configure(config: PollerConfig): void;
  /** Stops scheduling, aborts a cycle in flight, waits for it. */
  stop(): Promise<void>;
  /** Resolves when no cycle is running. */
  idle(): Promise<void>;
}

/**
 * `POST /accounts` on a timer. Within a cycle, retries follow `defaultAccountsRetryPolicy`;
 * across failed cycles the pace backs off (see `nextPollDelay`). A failed cycle records
 * nothing: balances simply age towards stale, and are never set to 0. A 401 raises
 * `access_token_rejected` and slows polling until a poll succeeds.
 *
 * @example
 * const poller = createPoller({ client, token, accounts, everyMs, staleAfterMs, book, alerter, clock, timers, logger, metrics, random: Math.random });
 * poller.start();
 */
export function createPoller(options: PollerOptions): Poller {
  const { client, book, alerter, clock, timers, logger, metrics, random } = options;
  const policy = options.retryPolicy ?? defaultAccountsRetryPolicy;
  let config: PollerConfig = {
    token: options.token,
    accounts: options.accounts,
    everyMs: options.everyMs,
    staleAfterMs: options.staleAfterMs,
  };
  const tasks = createTaskTracker();
  const stopping = new AbortController();
  // Name-matched aliases bound to a Sequence id on the first poll that found exactly one.
  const bound = new Map<string, string>();
  const lastStatus = new Map<string, AliasReading["status"]>();
  const nameProblems = new Set<string>();
  let failures = 0;
  let unauthorized = false;
  let timer: TimerHandle | undefined;
  let started = false;

  async function listAccounts() {
    return withRetry(
      async () => {
        try {
          const list = await client.listAccounts({ token: config.token, signal: stopping.signal });
          metrics.sequenceRequests.inc({ op: "listAccounts", status: "2xx" });
          return list;
        } catch (error) {
          if (error instanceof SequenceError) {
            metrics.sequenceRequests.inc({ op: "listAccounts", status: requestStatusLabel(error) });
          }
          throw error;
        }
      },
      {
        policy,
        clock,
        random,
        sleep: (ms) => sleep(timers, ms, stopping.signal),
        onRetry: ({ error, attempt, delayMs }) =>
          logger.info(
            { event: "poll.retry", attempt, delayMs, code: error.code, status: error.status },
            error.message,
          ),
      },
    );
  }

  async function reportNames(problems: NameProblem[], newlyBound: Map<string, string>): Promise<void> {
    for (const problem of problems) {
      nameProblems.add(problem.alias);
      const what =
        problem.problem === "missing"
          ? `no Sequence account is named ${JSON.stringify(problem.name)}`
          : `several Sequence accounts are named ${JSON.stringify(problem.name)} (${problem.candidates.join(", ")})`;
      await alerter.raise({
        kind: "account_unresolved",
        subject: problem.alias,
        message: `account ${problem.alias}: ${what}; it stays unavailable — match it by id: accounts.${problem.alias}: { id: "…" }`,
        details: {
          account: problem.alias,
          name: problem.name,
          problem: problem.problem,
          candidates: problem.candidates,
        },
      });
    }
    for (const [alias, id] of newlyBound) {
      logger.info(
        { event: "account.bound", account: alias, accountId: id },
        `account ${alias} is Sequence account ${id}`,
      );
      if (nameProblems.delete(alias)) {
        await alerter.resolve("account_unresolved", alias, `account ${alias} found: Sequence account ${id}`);
      }
    }
  }

  function logTransitions(readings: AliasReading[]): void {
    for (const reading of readings) {
      const before = lastStatus.get(reading.alias);
      lastStatus.set(reading.alias, reading.status);
      if (before === reading.status) continue;
      if (reading.status === "unavailable") {
        logger.warn(
          { event: "balance.unavailable", account: reading.alias, accountId: reading.accountId },
          `balance of ${reading.alias} unavailable: ${reading.reason}`,
        );
      } else if (before === "unavailable") {
        logger.info(
          { event: "balance.available", account: reading.alias },
          `balance of ${reading.alias} readable again`,
        );
      }
    }
  }

  async function cycle(): Promise<PollOutcome> {
    let outcome: PollOutcome;
    try {
      const list = await listAccounts();
      const at = clock.now();
      const mapping = mapAccounts(config.accounts.values(), list.accounts, bound);
      for (const [alias, id] of mapping.bound) bound.set(alias, id);
      await reportNames(mapping.problems, mapping.bound);
      logTransitions(mapping.readings);
      await book.record(mapping.readings, at);
      failures = 0;
      if (unauthorized) {
        unauthorized = false;
        await alerter.resolve("access_token_rejected", undefined, "Sequence accepts the access token again");
      }
      logger.debug(
        { event: "poll.ok", accounts: mapping.readings.length, shape: list.shape, requestId: list.requestId },
        "balances polled",
      );
      outcome = { status: "ok", readings: mapping.readings };
    } catch (error) {
      if (stopping.signal.aborted) return { status: "stopped" };
      if (!(error instanceof SequenceError)) throw error;
      failures += 1;
      unauthorized = error instanceof AuthError;
      if (unauthorized) {
        await alerter.raise({
          kind: "access_token_rejected",
          message: `Sequence rejected the access token (401 ${error.sequenceCode ?? error.code}): create a new one in Sequence (Settings → Access Tokens) and update sequence.accessToken; balances go stale meanwhile`,
          details: { status: error.status, code: error.sequenceCode ?? error.code },
        });
      } else {
        logger.warn(
          { event: "poll.failed", failures, code: error.code, status: error.status },
          `balance poll failed; balances age until the next poll: ${error.message}`,
        );
      }
      outcome = { status: "failed", unauthorized, error };
    }
    await options.afterPoll?.(outcome);
    return outcome;
  }

  function schedule(): void {
    if (stopping.signal.aborted) return;
    const delay = nextPollDelay({
      everyMs: config.everyMs,
      staleAfterMs: config.staleAfterMs,
      failures,
      unauthorized,
      random,
    });
    timer = timers.setTimeout(() => {
      void poller
        .pollNow()
        .catch(() => undefined)
        .finally(schedule);
    }, delay);
  }

  const poller: Poller = {
    start() {
      if (started) return;
      started = true;
      void poller
        .pollNow()
        .catch(() => undefined)
        .finally(schedule);
    },
    pollNow() {
      return tasks.track(
        cycle().catch((error: unknown) => {
          // A bug, not a Sequence failure: say so loudly and keep the schedule alive.
          logger.error({ event: "poll.crashed", err: error }, "balance poll crashed");
          throw error;
        }),
      );
    },
    configure(next) {
      for (const [alias, account] of config.accounts) {
        const replacement = next.accounts.get(alias);
        if (
          replacement === undefined ||
          JSON.stringify(replacement.match) !== JSON.stringify(account.match)
        ) {
          bound.delete(alias);
          lastStatus.delete(alias);
        }
      }
      config = next;
    },
    async stop() {
      stopping.abort(new Error("poller stopped"));
      if (timer !== undefined) timers.clearTimeout(timer);
      await tasks.idle();
    },
    idle: () => tasks.idle(),
  };
  return poller;
}
