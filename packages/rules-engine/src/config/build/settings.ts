import { isRecord, type Located, type MergedConfig } from "../merge.js";
import {
  type AlertsConfig,
  DEFAULTS,
  type PollingConfig,
  type SequenceConfig,
  type ServerConfig,
} from "../model.js";
import type { RawSettings } from "../raw-types.js";
import { formatDuration } from "../values/duration.js";
import { parseListen } from "../values/listen.js";
import { checkStoreUrl } from "../values/store-url.js";
import { checkTimezone } from "../values/timezone.js";
import { checkHttpUrl } from "../values/url.js";
import { type BuildContext, durationAt, isBroken, posAt, report, secretRefAt } from "./context.js";

export interface Settings {
  hasVersion: boolean;
  timezone?: string;
  /** A top-level timezone was set but is invalid (already reported; dependents stay quiet). */
  timezoneInvalid: boolean;
  sequence?: SequenceConfig;
  server: ServerConfig;
  store: string;
  alerts?: AlertsConfig;
  polling: PollingConfig;
}

/** Builds the top-level settings, applying defaults and checking each value. */
export function buildSettings(ctx: BuildContext, merged: MergedConfig): Settings {
  const get = <K extends keyof RawSettings>(name: K) => {
    const entry = merged.settings.get(name);
    return entry && !isBroken(ctx, entry) ? (entry as Located<RawSettings[K]>) : undefined;
  };
  const settings: Settings = {
    hasVersion: merged.settings.has("version"),
    timezoneInvalid: merged.settings.has("timezone"),
    server: { listen: { ...DEFAULTS.listen } },
    store: DEFAULTS.store,
    polling: {
      everyMs: DEFAULTS.pollingEveryMs,
      staleAfterMs: DEFAULTS.pollingEveryMs * DEFAULTS.staleAfterPolls,
    },
  };
  const timezone = get("timezone");
  if (timezone?.value !== undefined) {
    const check = checkTimezone(timezone.value);
    if (check.ok) {
      settings.timezone = timezone.value;
      settings.timezoneInvalid = false;
    } else report(ctx, "invalid-timezone", posAt(timezone), `timezone: ${check.message}`, check.hint);
  }
  const sequence = get("sequence");
  if (sequence?.value) {
    const apiUrl = sequence.value.apiUrl ?? DEFAULTS.apiUrl;
    const url = checkHttpUrl(apiUrl, "sequence.apiUrl");
    if (!url.ok) report(ctx, "invalid-url", posAt(sequence, "apiUrl"), url.message, url.hint);
    settings.sequence = {
      apiUrl,
      accessToken: secretRefAt(sequence, sequence.value.accessToken, "accessToken"),
      pos: sequence.pos,
    };
  }
  const server = get("server");
  if (server?.value) {
    if (server.value.listen !== undefined) {
      const listen = parseListen(server.value.listen);
      if (listen.ok) settings.server.listen = { host: listen.host, port: listen.port };
      else
        report(
          ctx,
          "invalid-value",
          posAt(server, "listen"),
          `server.listen: ${listen.message}`,
          listen.hint,
        );
    }
    if (server.value.adminToken) {
      settings.server.adminToken = secretRefAt(server, server.value.adminToken, "adminToken");
    }
  }
  const store = get("store");
  if (store?.value !== undefined) {
    const check = checkStoreUrl(store.value);
    if (!check.ok) report(ctx, "invalid-value", posAt(store), `store: ${check.message}`, check.hint);
    else {
      settings.store = store.value;
      if (check.hasPassword) {
        report(
          ctx,
          "store-password",
          posAt(store),
          "store: the postgres URL contains a password, which ends up in git and in logs",
          "leave it out and give it to the daemon through PGPASSWORD or a ~/.pgpass file",
        );
      }
    }
  }
  const alerts = get("alerts");
  if (alerts?.value)
    settings.alerts = buildAlerts(ctx, alerts as Located<NonNullable<RawSettings["alerts"]>>);
  const polling = get("polling");
  if (polling?.value)
    settings.polling = buildPolling(ctx, polling as Located<NonNullable<RawSettings["polling"]>>);
  return settings;
}

function buildAlerts(ctx: BuildContext, entry: Located<NonNullable<RawSettings["alerts"]>>): AlertsConfig {
  const alerts: AlertsConfig = {
    repeatEveryMs: durationAt(ctx, entry, entry.value.repeatEvery, DEFAULTS.repeatEveryMs, "repeatEvery"),
  };
  const webhook = entry.value.webhook;
  if (webhook) {
    const url = checkHttpUrl(webhook.url, "alerts.webhook.url");
    if (!url.ok) report(ctx, "invalid-url", posAt(entry, "webhook", "url"), url.message, url.hint);
    alerts.webhook = {
      url: webhook.url,
      ...(webhook.token ? { token: secretRefAt(entry, webhook.token, "webhook", "token") } : {}),
      pos: posAt(entry, "webhook"),
    };
  }
  if (alerts.repeatEveryMs === 0) {
    report(ctx, "out-of-range", posAt(entry, "repeatEvery"), "alerts.repeatEvery must be longer than 0s");
  }
  return alerts;
}

function buildPolling(ctx: BuildContext, entry: Located<NonNullable<RawSettings["polling"]>>): PollingConfig {
  const everyMs = durationAt(ctx, entry, entry.value.every, DEFAULTS.pollingEveryMs, "every");
  const staleAfterMs = durationAt(
    ctx,
    entry,
    entry.value.staleAfter,
    everyMs * DEFAULTS.staleAfterPolls,
    "staleAfter",
  );
  if (everyMs === 0) {
    report(ctx, "out-of-range", posAt(entry, "every"), "polling.every must be longer than 0s");
  } else if (everyMs < 60_000) {
    report(
      ctx,
      "short-interval",
      posAt(entry, "every"),
      `polling.every is ${formatDuration(everyMs)}, under a minute`,
      "frequent polling spends Sequence's rate limit; 1m or more is usual outside tests and demos",
    );
  }
  if (entry.value.staleAfter !== undefined && everyMs > 0 && staleAfterMs <= everyMs) {
    report(
      ctx,
      "polling-stale",
      posAt(entry, "staleAfter"),
      `polling.staleAfter (${formatDuration(staleAfterMs)}) must be longer than polling.every (${formatDuration(everyMs)})`,
      `every reading would go stale before the next poll and thresholds would never fire; try ${formatDuration(everyMs * DEFAULTS.staleAfterPolls)}`,
    );
  }
  return { everyMs, staleAfterMs };
}

/** Reports a config without `version` (checked once per config, on its first file). */
export function checkVersion(ctx: BuildContext, merged: MergedConfig, settings: Settings): void {
  const first = merged.files[0];
  if (settings.hasVersion || !first) return;
  const anyData = merged.files.some((file) => isRecord(file.data));
  if (!anyData) return;
  report(
    ctx,
    "missing-version",
    { file: first.path, line: 1, col: 1 },
    merged.files.length > 1 ? "no file of this config sets version" : "version is missing",
    "add `version: 1` at the top",
  );
}
