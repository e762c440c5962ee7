import type { Secret } from "@seqd/core";
import { type Config, DEFAULTS } from "@seqd/rules-engine";
import { createAlertWebhook } from "./alert-webhook.js";
import type { AlerterConfig } from "./alerter.js";
import type { PollerConfig } from "./poller.js";
import type { Timers } from "./timers.js";

/**
 * The `alerts:` section as the alerter takes it: the webhook (token from
 * `alerts.webhook.token`) and `repeatEvery` (default 1 h). Without a webhook, alerts go to the
 * log (and the store) only.
 */
export function alerterConfigFromConfig(
  config: Pick<Config, "alerts">,
  secrets: ReadonlyMap<string, Secret>,
  dependencies: {
    timers: Timers;
    random: () => number;
    scrub: (text: string) => string;
    signal?: AbortSignal;
  },
): AlerterConfig {
  const repeatEveryMs = config.alerts?.repeatEveryMs ?? DEFAULTS.repeatEveryMs;
  const webhook = config.alerts?.webhook;
  if (webhook === undefined) return { webhook: undefined, repeatEveryMs };
  return {
    repeatEveryMs,
    webhook: createAlertWebhook({
      url: webhook.url,
      token: secrets.get("alerts.webhook.token"),
      timers: dependencies.timers,
      random: dependencies.random,
      scrub: dependencies.scrub,
      ...(dependencies.signal === undefined ? {} : { signal: dependencies.signal }),
    }),
  };
}

/**
 * What the poller needs from the config, or undefined when there is nothing to poll (no
 * `accounts:`) or no way to (no `sequence:` section, or its token is not resolved).
 */
export function pollerConfigFromConfig(
  config: Pick<Config, "sequence" | "accounts" | "polling">,
  secrets: ReadonlyMap<string, Secret>,
): PollerConfig | undefined {
  const token = secrets.get("sequence.accessToken");
  if (config.sequence === undefined || token === undefined || config.accounts.size === 0) return undefined;
  return {
    token,
    accounts: config.accounts,
    everyMs: config.polling.everyMs,
    staleAfterMs: config.polling.staleAfterMs,
  };
}
