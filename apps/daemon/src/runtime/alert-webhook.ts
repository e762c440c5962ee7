import type { Secret } from "@seqd/core";
import { type Dispatcher, request } from "undici";
import { sleep, type Timers } from "./timers.js";

/** What an alert webhook receives (JSON). Field names are part of seqd's interface. */
export interface AlertNotice {
  source: "seqd";
  /** `firing` while the alert is open; one `resolved` notice when it closes. */
  status: "firing" | "resolved";
  kind: string;
  key: string;
  severity: string;
  /** A short title for the kind, e.g. `stale balance`. */
  summary: string;
  message: string;
  /** Trigger, rule, firing or account the alert is about, and other facts (never secrets). */
  details: unknown;
  firstSeenAt: string;
  lastSeenAt: string;
  /** How often it was raised in this episode. */
  count: number;
  resolvedAt?: string;
}

/** Retry bounds of one webhook delivery: the receiver is a chat hook or a pager, not Sequence. */
export const WEBHOOK_RETRY = Object.freeze({
  maxAttempts: 5,
  baseMs: 1_000,
  capMs: 60_000,
  timeoutMs: 10_000,
});

/** Options of {@link createAlertWebhook}. */
export interface AlertWebhookOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: Secret | undefined;
  timers: Timers;
  /** Uniform in [0, 1), for backoff jitter. */
  random: () => number;
  /** Removes known secret values from the body before it leaves (the logger's scrubber). */
  scrub: (text: string) => string;
  /** Transport; default undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Aborts waits and requests (daemon shutdown). */
  signal?: AbortSignal;
}

/** The result of one delivery, for the alerter's log. */
export type WebhookResult = { ok: true; attempts: number } | { ok: false; attempts: number; error: string };

/** Delivers alert notices to `alerts.webhook`. */
export interface AlertWebhook {
  /** Where notices go, without path or query (those may carry a token), for logs. */
  readonly origin: string;
  /** POSTs the notice, retrying network errors, 408, 429 and 5xx with backoff. Never throws. */
  deliver(notice: AlertNotice): Promise<WebhookResult>;
}

/**
 * POSTs alert notices as JSON. Retries use full-jitter exponential backoff on the injected
 * timers (1 s, 2 s, 4 s … capped at 60 s, 5 attempts); other 4xx answers are not retried.
 *
 * @example
 * const webhook = createAlertWebhook({ url, token, timers, random: Math.random, scrub });
 * await webhook.deliver(notice); // { ok: true, attempts: 1 }
 */
export function createAlertWebhook(options: AlertWebhookOptions): AlertWebhook {
  const target = new URL(options.url);
  const origin = target.origin;

  async function attempt(body: string): Promise<{ done: boolean; error?: string }> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "seqd",
    };
    if (options.token !== undefined) headers["authorization"] = `Bearer ${options.token.reveal()}`;
    try {
      const response = await request(target, {
        method: "POST",
        headers,
        body,
        headersTimeout: WEBHOOK_RETRY.timeoutMs,
        bodyTimeout: WEBHOOK_RETRY.timeoutMs,
        ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      await response.body.dump();
      const status = response.statusCode;
      if (status >= 200 && status <= 299) return { done: true };
      const retryable = status === 408 || status === 429 || status >= 500;
      return { done: !retryable, error: `HTTP ${status}` };
    } catch (error) {
      // undici errors name the host and the failure, never the headers.
      const code = (error as { code?: unknown }).code;
      return { done: false, error: typeof code === "string" ? code : String(error) };
    }
  }

  return {
    origin,
    async deliver(notice) {
      const body = options.scrub(JSON.stringify(notice));
      let lastError = "";
      for (let attempts = 1; attempts <= WEBHOOK_RETRY.maxAttempts; attempts++) {
        const outcome = await attempt(body);
        if (outcome.error === undefined) return { ok: true, attempts };
        lastError = outcome.error;
        if (outcome.done || options.signal?.aborted || attempts === WEBHOOK_RETRY.maxAttempts) {
          return { ok: false, attempts, error: lastError };
        }
        const window = Math.min(WEBHOOK_RETRY.capMs, WEBHOOK_RETRY.baseMs * 2 ** (attempts - 1));
        try {
          await sleep(options.timers, Math.floor(options.random() * window), options.signal);
        } catch {
          return { ok: false, attempts, error: `${lastError} (then stopped)` };
        }
      }
      return { ok: false, attempts: WEBHOOK_RETRY.maxAttempts, error: lastError };
    },
  };
}
