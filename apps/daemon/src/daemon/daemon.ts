import { type Clock, createSequenceClient, type Timeouts } from "@seqd/core";
import type { ConfigIssue } from "@seqd/rules-engine";
import { openStore, redactStoreUrl, type Store, StoreError } from "@seqd/store";
import { formatIssue } from "../cli/commands/validate-report.js";
import type { FireOutcome, ReadyReport, ReloadOutcome } from "../http/contract.js";
import type { SeqdLogger } from "../observability/logger.js";
import type { Metrics } from "../observability/metrics.js";
import { type Alerter, createAlerter } from "../runtime/alerter.js";
import { type BalanceBook, createBalanceBook } from "../runtime/balance-book.js";
import { dispatchRulesFromConfig } from "../runtime/dispatch-rules.js";
import { createDispatcher, type Dispatcher } from "../runtime/dispatcher.js";
import { createLeadership, type Leadership } from "../runtime/leadership.js";
import { createPoller, type Poller } from "../runtime/poller.js";
import { holderIsDeadHere, processHolder } from "../runtime/process-holder.js";
import { recoverFirings } from "../runtime/recovery.js";
import { alerterConfigFromConfig, pollerConfigFromConfig } from "../runtime/runtime-config.js";
import { createStalenessWatch, type StalenessWatch } from "../runtime/staleness-watch.js";
import { createStoreGuard, type StoreGuard } from "../runtime/store-guard.js";
import type { Timers } from "../runtime/timers.js";
import { type DaemonConfig, daemonConfigFromSources, readDaemonConfig } from "./daemon-config.js";
import { fireNow } from "./fire-now.js";
import { readiness } from "./readiness.js";
import { createScheduler, type Scheduler } from "./scheduler.js";
import { createSwitchableClient, type SwitchableClient } from "./switchable-client.js";

/** Where Sequence's legacy API is when a config has no `sequence.apiUrl`. */
const DEFAULT_API_URL = "https://api.getsequence.io";

export interface DaemonOptions {
  /** The config path (a file, or a directory merged into one config). */
  configPath: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  timers: Timers;
  log: SeqdLogger;
  metrics: Metrics;
  /** `--store`: overrides the config's `store:`. */
  storeUrl?: string | undefined;
  /** `--dry-run`: the whole pipeline, recording dry-run firings, never calling Sequence. */
  dryRun: boolean;
  /** `--last-good`: when the config is invalid, boot the store's last-known-good one. */
  lastGood: boolean;
  /** Uniform in [0, 1): backoff and poll jitter. */
  random?: () => number;
  /**
   * `one-shot` (`seqd trigger`): open everything, take the lease, but start no loop and run no
   * recovery; the caller polls and fires once, then stops. Default `daemon`.
   */
  mode?: "daemon" | "one-shot";
  /** Sequence client timeouts (tests shorten them). */
  timeouts?: Partial<Timeouts>;
}

/** The daemon without its HTTP server: store, poller, scheduler, dispatcher, reload. */
export interface Daemon {
  /** The running config (swapped whole by a reload). */
  current(): DaemonConfig;
  /** Called after each successful reload with the new config. */
  onConfig(listener: (config: DaemonConfig) => void): () => void;
  /** Re-reads the config path; all or nothing. Reloads run one at a time. */
  reload(): Promise<ReloadOutcome>;
  /** Fires a trigger now (occurrence `manual:<now>`), through guards, claim and dispatcher. */
  fire(triggerId: string): Promise<FireOutcome>;
  ready(): ReadyReport;
  readonly store: Store;
  readonly guard: StoreGuard;
  readonly alerter: Alerter;
  readonly book: BalanceBook;
  readonly scheduler: Scheduler;
  readonly dispatcher: Dispatcher;
  readonly leadership: Leadership;
  /** Polls balances now (no-op without accounts or a token). */
  pollNow(): Promise<void>;
  /** Resolves when no tick, poll, dispatch or alert delivery is running. */
  idle(): Promise<void>;
  /** Stops ticking and polling, lets in-flight calls finish (or leaves them claimed), closes the store. */
  stop(): Promise<void>;
}

export type StartDaemonResult =
  | { ok: true; daemon: Daemon }
  | { ok: false; reason: "invalid_config"; path: string; issues: ConfigIssue[] }
  | { ok: false; reason: "store"; message: string };

/**
 * Starts the daemon: loads the config (or, with `lastGood`, the stored last-known-good one),
 * opens the store, takes the dispatcher lease, recovers unfinished firings, then polls and
 * ticks. An invalid config never starts anything.
 */
export async function startDaemon(options: DaemonOptions): Promise<StartDaemonResult> {
  const { clock, timers, metrics, cwd, env } = options;
  const { logger, secrets: scrubber } = options.log;
  const random = options.random ?? Math.random;
  const read = await readDaemonConfig(options.configPath, { cwd, env, clock });
  let bootedFromLastGood = false;
  let loaded: DaemonConfig;
  let storeUrl: string;
  if (read.ok) {
    loaded = read.loaded;
    storeUrl = options.storeUrl ?? loaded.config.store;
  } else {
    if (!options.lastGood)
      return { ok: false, reason: "invalid_config", path: read.path, issues: read.issues };
    storeUrl = options.storeUrl ?? "sqlite:./seqd.db";
    const fallback = await lastKnownGood(storeUrl, options);
    if (fallback === undefined)
      return { ok: false, reason: "invalid_config", path: read.path, issues: read.issues };
    loaded = fallback;
    bootedFromLastGood = true;
    for (const issue of read.issues) logger.error({ event: "config.invalid", issue }, "config error");
  }
  scrubber.setSecrets([...loaded.secrets.values()].map((secret) => secret.reveal()));

  let store: Store;
  try {
    store = await openStore(storeUrl, { clock, cwd });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return {
      ok: false,
      reason: "store",
      message: `cannot open the store ${redactStoreUrl(storeUrl)}: ${error.message}`,
    };
  }

  const stopping = new AbortController();
  const alerter = createAlerter({
    store,
    clock,
    timers,
    logger,
    metrics,
    ...alerterConfigFromConfig(loaded.config, loaded.secrets, {
      timers,
      random,
      scrub: scrubber.scrub,
      signal: stopping.signal,
    }),
  });
  const guard = createStoreGuard({ store, alerter, timers, logger, metrics });
  const leadership = createLeadership({
    store,
    clock,
    timers,
    logger,
    metrics,
    holder: processHolder(random),
    isHolderDead: holderIsDeadHere,
  });
  const book = createBalanceBook({
    store,
    guard,
    logger,
    accounts: loaded.config.accounts,
    staleAfterMs: loaded.config.polling.staleAfterMs,
  });
  await book
    .load()
    .catch((error: unknown) =>
      logger.warn(
        { event: "balances.load_failed", err: error },
        "could not read cached balances; waiting for the first poll",
      ),
    );
  const client: SwitchableClient = createSwitchableClient((apiUrl) =>
    createSequenceClient({ baseUrl: apiUrl, clock, timeouts: options.timeouts ?? {} }),
  );
  client.use(loaded.config.sequence?.apiUrl ?? DEFAULT_API_URL);
  const dispatcher = createDispatcher({
    client,
    store,
    guard,
    alerter,
    leadership,
    clock,
    timers,
    logger,
    metrics,
    random,
    rules: dispatchRulesFromConfig(loaded.config, loaded.secrets),
    dryRun: options.dryRun,
  });
  const staleness: StalenessWatch = createStalenessWatch({
    book,
    alerter,
    clock,
    timers,
    metrics,
    staleAfterMs: loaded.config.polling.staleAfterMs,
  });
  const scheduler = createScheduler({
    store,
    guard,
    leadership,
    dispatcher,
    alerter,
    book,
    clock,
    timers,
    logger,
    metrics,
    dryRun: options.dryRun,
    current: () => ({ runtime: loaded.runtime, configHash: loaded.config.hash }),
  });
  let poller: Poller | undefined;
  const configurePoller = (config: DaemonConfig) => {
    const pollerConfig = pollerConfigFromConfig(config.config, config.secrets);
    if (pollerConfig === undefined) {
      const old = poller;
      poller = undefined;
      void old?.stop();
      return;
    }
    if (poller !== undefined) {
      poller.configure(pollerConfig);
      return;
    }
    poller = createPoller({
      ...pollerConfig,
      client,
      book,
      alerter,
      clock,
      timers,
      logger,
      metrics,
      random,
      afterPoll: () => staleness.check(),
    });
    if (started) poller.start();
  };
  let started = false;
  configurePoller(loaded);

  const listeners = new Set<(config: DaemonConfig) => void>();
  let reloading: Promise<ReloadOutcome> = Promise.resolve({
    ok: true,
    hash: "",
    changed: false,
    message: "",
  });

  const recover = async (why: string) => {
    if (!leadership.isLeader()) return;
    try {
      const report = await recoverFirings({
        store,
        guard,
        dispatcher,
        alerter,
        clock,
        logger,
        metrics,
        dryRun: options.dryRun,
      });
      const resumed = report.resumed.length;
      if (resumed + report.ambiguous.length + report.missed.length > 0) {
        logger.info(
          {
            event: "recovery.done",
            why,
            resumed,
            ambiguous: report.ambiguous.length,
            missed: report.missed.length,
          },
          `recovery (${why}): ${resumed} firing(s) resumed with their keys, ${report.ambiguous.length} ambiguous, ${report.missed.length} missed`,
        );
      }
    } catch (error) {
      logger.error(
        { event: "recovery.failed", why, err: error },
        "recovery could not read the ledger; it runs again when the store recovers",
      );
    }
  };

  async function remember(config: DaemonConfig): Promise<void> {
    try {
      await guard.write("save config snapshot", async () => {
        await store.saveConfigSnapshot({ hash: config.config.hash, sources: config.sources });
        await store.markLastKnownGood(config.config.hash);
      });
    } catch (error) {
      logger.warn(
        { event: "config.snapshot_failed", err: error },
        "could not save the config as last-known-good",
      );
    }
  }

  function apply(next: DaemonConfig): void {
    const before = loaded;
    loaded = next;
    scrubber.setSecrets([...next.secrets.values()].map((secret) => secret.reveal()));
    client.use(next.config.sequence?.apiUrl ?? DEFAULT_API_URL);
    dispatcher.setRules(dispatchRulesFromConfig(next.config, next.secrets));
    book.configure({ accounts: next.config.accounts, staleAfterMs: next.config.polling.staleAfterMs });
    staleness.configure({ staleAfterMs: next.config.polling.staleAfterMs });
    alerter.configure(
      alerterConfigFromConfig(next.config, next.secrets, {
        timers,
        random,
        scrub: scrubber.scrub,
        signal: stopping.signal,
      }),
    );
    configurePoller(next);
    for (const key of ["store", "server"] as const) {
      if (JSON.stringify(before.config[key]) !== JSON.stringify(next.config[key])) {
        logger.warn(
          { event: "config.restart_needed", section: key },
          `${key}: changed; it takes effect at the next restart (the running ${key} stays)`,
        );
      }
    }
    for (const listener of listeners) listener(next);
  }

  async function reloadOnce(): Promise<ReloadOutcome> {
    const next = await readDaemonConfig(options.configPath, { cwd, env, clock });
    if (!next.ok) {
      const errors = next.issues.filter((issue) => issue.severity === "error").map(formatIssue);
      metrics.configLastReloadSuccessful.set(0);
      const message = `reload refused: ${errors.length} error(s) in ${next.path}; the running config (${loaded.config.hash.slice(0, 12)}) stays`;
      await alerter.raise({ kind: "config_reload_refused", message, details: { errors } });
      return { ok: false, errors, message };
    }
    const changed = next.loaded.config.hash !== loaded.config.hash;
    metrics.configLastReloadSuccessful.set(1);
    metrics.configLastReloadTimestamp.set(clock.now().getTime() / 1000);
    if (!changed) {
      return { ok: true, hash: loaded.config.hash, changed, message: "config unchanged" };
    }
    apply(next.loaded);
    await remember(next.loaded);
    await alerter.resolve("config_reload_refused", undefined, "a valid config was loaded");
    if (bootedFromLastGood) {
      bootedFromLastGood = false;
      await alerter.resolve("config_last_good", undefined, "the config is valid again");
    }
    logger.info(
      { event: "config.reloaded", configHash: next.loaded.config.hash },
      `config reloaded (${next.loaded.config.hash.slice(0, 12)})`,
    );
    void scheduler.tick();
    return { ok: true, hash: next.loaded.config.hash, changed, message: "config reloaded" };
  }

  const daemon: Daemon = {
    current: () => loaded,
    onConfig(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload() {
      reloading = reloading.then(reloadOnce, reloadOnce);
      return reloading;
    },
    fire(triggerId) {
      return fireNow({
        triggerId,
        runtime: loaded.runtime,
        configHash: loaded.config.hash,
        balances: book.readings(),
        store,
        guard,
        dispatcher,
        clock,
        logger,
        dryRun: options.dryRun,
        leader: leadership.isLeader(),
        fencing: leadership.fencing(),
      });
    },
    ready: () =>
      readiness({
        config: loaded,
        bootedFromLastGood,
        storeHealthy: guard.healthy(),
        book,
        now: clock.now(),
        lastEvaluatedAt: scheduler.lastEvaluatedAt(),
      }),
    store,
    guard,
    alerter,
    book,
    scheduler,
    dispatcher,
    leadership,
    async pollNow() {
      await poller?.pollNow();
    },
    async idle() {
      await scheduler.idle();
      await poller?.idle();
      await dispatcher.idle();
      await alerter.idle();
      await leadership.idle();
    },
    async stop() {
      await scheduler.stop();
      await poller?.stop();
      staleness.stop();
      await dispatcher.stop();
      stopping.abort();
      await alerter.stop();
      guard.stop();
      await leadership.stop().catch(() => undefined);
      await client.close();
      await store.close();
    },
  };

  // Start order: fail closed first (guard), then leadership, recovery, and only then new work.
  guard.start();
  const leader = await leadership.start();
  metrics.configLastReloadSuccessful.set(1);
  metrics.configLastReloadTimestamp.set(clock.now().getTime() / 1000);
  if (bootedFromLastGood) {
    await alerter.raise({
      kind: "config_last_good",
      message: `the config at ${options.configPath} is invalid; running the last-known-good config ${loaded.config.hash.slice(0, 12)} — fix the config and reload`,
      details: { configHash: loaded.config.hash },
    });
  } else {
    await remember(loaded);
  }
  logger.info(
    {
      event: "daemon.started",
      configHash: loaded.config.hash,
      store: redactStoreUrl(storeUrl),
      leader,
      dryRun: options.dryRun,
      triggers: loaded.runtime.triggers.length,
      amounts: loaded.runtime.amounts.size,
    },
    `seqd running config ${loaded.config.hash.slice(0, 12)} (${loaded.runtime.triggers.length} trigger(s), ${loaded.runtime.amounts.size} amount endpoint(s))${options.dryRun ? " in dry-run mode" : ""}`,
  );
  if (options.mode === "one-shot") return { ok: true, daemon };
  await recover("start");
  leadership.onChange((isLeader) => {
    if (!isLeader) return;
    void recover("leadership gained").then(() => scheduler.tick());
  });
  guard.onRecovered(() => {
    void recover("store recovered").then(() => scheduler.tick());
  });
  book.onChange(() => {
    void scheduler.tick();
  });
  started = true;
  poller?.start();
  staleness.start();
  alerter.start();
  scheduler.start();
  return { ok: true, daemon };
}

async function lastKnownGood(storeUrl: string, options: DaemonOptions): Promise<DaemonConfig | undefined> {
  const { clock, cwd, env } = options;
  const { logger } = options.log;
  let store: Store;
  try {
    store = await openStore(storeUrl, { clock, cwd, readOnly: true });
  } catch (error) {
    logger.error(
      { event: "config.last_good_unavailable", err: error },
      "cannot open the store to read the last-known-good config",
    );
    return undefined;
  }
  try {
    const snapshot = await store.getLastKnownGood();
    if (snapshot === undefined) {
      logger.error({ event: "config.last_good_unavailable" }, "the store has no last-known-good config");
      return undefined;
    }
    const result = await daemonConfigFromSources(options.configPath, snapshot.sources, { cwd, env, clock });
    if (!result.ok) {
      logger.error(
        { event: "config.last_good_unavailable", errors: result.issues.map(formatIssue) },
        "the last-known-good config no longer loads (its secrets?)",
      );
      return undefined;
    }
    logger.warn(
      { event: "config.last_good", configHash: snapshot.hash, markedAt: snapshot.markedAt.toISOString() },
      `booting the last-known-good config ${snapshot.hash.slice(0, 12)} (marked good ${snapshot.markedAt.toISOString()})`,
    );
    return result.loaded;
  } finally {
    await store.close();
  }
}
