import type { Clock } from "@seqd/core";
import { StoreError } from "../errors.js";
import type { Store } from "../store.js";
import type { ClockSkew, StoreHealth, StoreInfo } from "../types.js";
import { createAlertsRepo } from "./alerts-repo.js";
import { createAuditsRepo } from "./audits-repo.js";
import { createBalancesRepo } from "./balances-repo.js";
import { createConfigRepo } from "./config-repo.js";
import type { SqlDriver } from "./driver.js";
import { createFiringsRepo } from "./firings-repo.js";
import { createLeasesRepo } from "./leases-repo.js";
import { readTime } from "./row.js";
import { createTriggerStateRepo } from "./trigger-state-repo.js";

/** What `createSqlStore` needs: an open, migrated driver and how to describe it. */
export interface SqlStoreOptions {
  driver: SqlDriver;
  clock: Clock;
  location: string;
  readOnly: boolean;
  schemaVersion: number;
}

/**
 * The one `Store` implementation over either driver. It refuses calls once closing has begun
 * and `close()` waits for calls already running, so no write is cut off half-way.
 */
export function createSqlStore(options: SqlStoreOptions): Store {
  const { driver, clock } = options;
  const firings = createFiringsRepo(driver, clock);
  const triggerStates = createTriggerStateRepo(driver, clock);
  const balances = createBalancesRepo(driver, clock);
  const configs = createConfigRepo(driver, clock);
  const audits = createAuditsRepo(driver);
  const alerts = createAlertsRepo(driver, clock);
  const leases = createLeasesRepo(driver, clock);

  const running = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  function use<T>(operation: () => Promise<T>): Promise<T> {
    if (closing !== undefined) {
      return Promise.reject(new StoreError("CLOSED", `store ${options.location} is closed`));
    }
    // Validation errors thrown synchronously become rejections like every other failure.
    const promise = Promise.resolve().then(operation);
    running.add(promise);
    const forget = () => running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async function probe(): Promise<StoreHealth> {
    try {
      await driver.run(
        `INSERT INTO store_health (id, probed_at) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at`,
        [clock.now().toISOString()],
      );
      return { ok: true };
    } catch (error) {
      const failure =
        error instanceof StoreError ? error : new StoreError("INTERNAL", String(error), { cause: error });
      return { ok: false, code: failure.code, message: failure.message };
    }
  }

  async function measureSkew(): Promise<ClockSkew> {
    const before = clock.now().getTime();
    const startedMs = clock.monotonicMs();
    const [row] = await driver.all(driver.dialect.nowQuery);
    const roundTripMs = clock.monotonicMs() - startedMs;
    if (row === undefined) throw new StoreError("INTERNAL", "the store returned no time");
    // Our clock's reading at the midpoint of the round trip is the best estimate of "same instant".
    const skewMs = readTime(row, "now").getTime() - (before + roundTripMs / 2);
    return { skewMs, roundTripMs };
  }

  async function describe(): Promise<StoreInfo> {
    return {
      kind: driver.dialect.kind,
      location: options.location,
      schemaVersion: options.schemaVersion,
      readOnly: options.readOnly,
      settings: await driver.dialect.settings(driver),
    };
  }

  return {
    claimFiring: (input) => use(() => firings.claim(input)),
    transitionFiring: (id, input) => use(() => firings.transition(id, input)),
    recordAttempt: (id, input) => use(() => firings.recordAttempt(id, input)),
    getFiring: (id) => use(() => firings.get(id)),
    listUnfinished: () => use(() => firings.listUnfinished()),
    countFired: (triggerId, since) => use(() => firings.countFired(triggerId, since)),
    listFirings: (input) => use(() => firings.list(input)),

    getTriggerStates: () => use(() => triggerStates.getAll()),
    putTriggerState: (input) => use(() => triggerStates.put(input)),
    deleteTriggerState: (triggerId) => use(() => triggerStates.delete(triggerId)),
    commitEvaluation: (input) => use(() => triggerStates.commitEvaluation(input)),

    putBalances: (readings) => use(() => balances.put(readings)),
    getBalances: () => use(() => balances.getAll()),

    saveConfigSnapshot: (input) => use(() => configs.save(input)),
    getConfigSnapshot: (hash) => use(() => configs.get(hash)),
    markLastKnownGood: (hash) => use(() => configs.markLastKnownGood(hash)),
    getLastKnownGood: () => use(() => configs.getLastKnownGood()),

    appendAmountAudits: (rows) => use(() => audits.append(rows)),
    listAmountAudits: (input) => use(() => audits.list(input)),
    pruneAmountAudits: (before) => use(() => audits.prune(before)),

    openAlert: (input) => use(() => alerts.open(input)),
    markAlertSent: (key, at) => use(() => alerts.markSent(key, at)),
    resolveAlert: (key) => use(() => alerts.resolve(key)),
    listOpenAlerts: () => use(() => alerts.listOpen()),

    acquireLease: (input) => use(() => leases.acquire(input)),
    renewLease: (input) => use(() => leases.renew(input)),
    releaseLease: (input) => use(() => leases.release(input)),

    health: () =>
      closing === undefined
        ? use(probe)
        : Promise.resolve({ ok: false, code: "CLOSED", message: `store ${options.location} is closed` }),
    clockSkew: () => use(measureSkew),
    describe: () => use(describe),

    close() {
      closing ??= (async () => {
        await Promise.allSettled([...running]);
        await driver.close();
      })();
      return closing;
    },
  };
}
