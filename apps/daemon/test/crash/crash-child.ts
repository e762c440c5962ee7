/**
 * Crash-test child (`node --import tsx crash-child.ts <store URL> <simulator URL> <key> <mode>`):
 * a real dispatcher on a real SQLite file claims one firing and is SIGKILLed by the parent at
 * a chosen point. It prints one line when it reaches that point, then hangs:
 * - `claimed`: the firing is claimed, nothing else happened;
 * - `sending`: `sent` is durable, the request has not left;
 * - `responded`: Sequence ran the rule and answered; the outcome is not recorded;
 * - `random`: no pause at all; the child SIGKILLs itself `<delay>` ms after the claim, wherever
 *   the dispatch has got to by then (possibly done).
 */
import { createSequenceClient, Secret, type SequenceClient, systemClock } from "@seqd/core";
import { openStore } from "@seqd/store";
import { createLogger } from "../../src/observability/logger.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { createAlerter } from "../../src/runtime/alerter.js";
import { createDispatcher } from "../../src/runtime/dispatcher.js";
import { createLeadership } from "../../src/runtime/leadership.js";
import { createStoreGuard } from "../../src/runtime/store-guard.js";
import { createRealTimers } from "../../src/runtime/timers.js";

const [storeUrl, simUrl, key, mode, delay] = process.argv.slice(2);
if (storeUrl === undefined || simUrl === undefined || key === undefined || mode === undefined) {
  throw new Error("usage: crash-child.ts <store URL> <simulator URL> <key> <claimed|sending|responded>");
}

// Nothing below may let the process end on its own: only the parent's SIGKILL does.
setInterval(() => undefined, 60_000);
const hang = () => new Promise<never>(() => undefined);
const say = (line: string) => process.stdout.write(`${line}\n`);

const clock = systemClock;
const timers = createRealTimers({ clock });
const { logger } = createLogger({ destination: process.stderr, pretty: false, clock });
const metrics = createMetrics({ processMetrics: false });
const store = await openStore(storeUrl, { clock });
const alerter = createAlerter({
  store,
  clock,
  timers,
  logger,
  metrics,
  webhook: undefined,
  repeatEveryMs: 3_600_000,
});
const guard = createStoreGuard({ store, alerter, timers, logger, metrics });
const leadership = createLeadership({
  store,
  clock,
  timers,
  logger,
  metrics,
  holder: `crash-child:${process.pid}`,
});
if (!(await leadership.start())) throw new Error("the child could not take the dispatcher lease");

const real = createSequenceClient({ baseUrl: simUrl, clock });
const client: SequenceClient =
  mode === "random"
    ? real
    : {
        ...real,
        async triggerRule(input) {
          if (mode === "sending") {
            say("sending");
            return hang();
          }
          await real.triggerRule(input);
          say("responded");
          return hang();
        },
      };

const claim = await store.claimFiring({
  triggerId: "payday",
  occurrence: "2026-03-02T14:00:00.000Z",
  idempotencyKey: key,
  ruleId: "sweep",
  configHash: "cfg-crash",
  fencing: leadership.fencing()!,
});
if (!claim.claimed) throw new Error("the firing was already claimed");
if (mode === "claimed") {
  say("claimed");
  await hang();
}
if (mode === "random") setTimeout(() => process.kill(process.pid, "SIGKILL"), Number(delay ?? 0));
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
  random: Math.random,
  rules: new Map([
    [
      "sweep",
      {
        id: "sweep",
        url: `${simUrl}/remote-api/rules/ru_sweep/trigger`,
        secret: new Secret("rule-secret-sweep"),
        minIntervalMs: 0,
      },
    ],
  ]),
  dryRun: false,
});
await dispatcher.dispatch(claim.firing);
