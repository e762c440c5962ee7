import { Agent, type Dispatcher } from "undici";
import { type AccountsList, parseAccountsBody } from "./accounts.js";
import { assertNever } from "./assert-never.js";
import { type Clock, systemClock } from "./clock.js";
import { type CallSite, InvalidInputError, MalformedResponseError, type SequenceOp } from "./errors.js";
import { type BodyOutcome, postEmptyJson } from "./http-post.js";
import { explainIdempotencyKey } from "./idempotency-key.js";
import { tryParseJson } from "./json.js";
import { describeUrl, redactSecrets } from "./redact.js";
import { errorFromResponse } from "./response-errors.js";
import type { Secret } from "./secret.js";
import type { Timeouts } from "./transport-errors.js";
import { parseTriggerBody } from "./trigger-body.js";

/**
 * Default client timeouts:
 * - `connectMs` 10 s: a healthy TLS connect to Sequence takes well under a
 *   second; a connect timeout is harmless (nothing was sent) and retried.
 * - `headersMs` 30 s: a timeout after sending is an ambiguous outcome (the
 *   trigger may have run), so waiting longer is cheaper than a needless
 *   ambiguous retry; the dispatcher is serialized per rule and the amount
 *   endpoint never waits on Sequence, so nothing user-facing blocks on it.
 * - `bodyMs` 30 s: longest silence while reading a body of a few kB.
 */
export const defaultTimeouts: Readonly<Timeouts> = Object.freeze({
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
});

/** Options of {@link createSequenceClient}. */
export interface SequenceClientOptions {
  /** Legacy API root, e.g. `https://api.getsequence.io` (the simulator's URL in tests). */
  baseUrl: string | URL;
  /** Transport; defaults to a keep-alive undici Agent owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  /** Resolves HTTP-date `Retry-After` headers; defaults to the system clock. */
  clock?: Clock;
  /** Overrides of {@link defaultTimeouts}. `connectMs` applies only to the client's own Agent. */
  timeouts?: Partial<Timeouts>;
  /** Defaults to `seqd`. */
  userAgent?: string;
}

/** Inputs of {@link SequenceClient.triggerRule}. */
export interface TriggerRuleInput {
  /** The full trigger URL Sequence generated for the rule (any host). */
  url: string | URL;
  secret: Secret;
  /** 1–36 chars of `[A-Za-z0-9._:/|-]`; the same for every retry of one firing. */
  idempotencyKey: string;
  signal?: AbortSignal | undefined;
}

/** Sequence accepted the trigger. That it moved money is not known yet. */
export interface TriggerRuleResult {
  status: number;
  requestId?: string;
  message?: string;
}

/** Inputs of {@link SequenceClient.listAccounts}. */
export interface ListAccountsInput {
  token: Secret;
  signal?: AbortSignal | undefined;
}

/** The legacy Sequence Remote API. Every method throws only {@link SequenceError}s. */
export interface SequenceClient {
  /** `POST <url>` with `x-sequence-signature` and `idempotency-key`; any 2xx is success. */
  triggerRule(input: TriggerRuleInput): Promise<TriggerRuleResult>;
  /** `POST <baseUrl>/accounts` with `x-sequence-access-token`. */
  listAccounts(input: ListAccountsInput): Promise<AccountsList>;
  /** Closes the client's own Agent; a dispatcher passed in is left to its owner. */
  close(): Promise<void>;
}

/**
 * Creates a client for Sequence's legacy Remote API.
 *
 * @example
 * const client = createSequenceClient({ baseUrl: "https://api.getsequence.io" });
 * const { accounts } = await client.listAccounts({ token });
 * await client.triggerRule({ url: rule.url, secret: rule.secret, idempotencyKey: "payday-20260301T1500" });
 * await client.close();
 */
export function createSequenceClient(options: SequenceClientOptions): SequenceClient {
  const base = parseBaseUrl(options.baseUrl);
  const accountsUrl = new URL("accounts", base);
  const clock = options.clock ?? systemClock;
  const timeouts: Timeouts = { ...defaultTimeouts, ...options.timeouts };
  const ownAgent =
    options.dispatcher === undefined
      ? new Agent({
          connect: { timeout: timeouts.connectMs },
          headersTimeout: timeouts.headersMs,
          bodyTimeout: timeouts.bodyMs,
        })
      : undefined;
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);
  const userAgent = options.userAgent ?? "seqd";
  let closed = false;

  /** Sends the call; answers a 2xx response, throws a SequenceError for everything else. */
  async function send(call: Call): Promise<{ status: number; body: BodyOutcome; secrets: string[] }> {
    if (closed) throw new InvalidInputError({ ...call.site, reason: "the client is closed" });
    const problem = explainCredential(call.credential);
    if (problem !== undefined) {
      throw new InvalidInputError({
        ...call.site,
        reason: `the ${describeCredential(call.site.op)} ${problem}`,
      });
    }
    const secrets = [call.credential.reveal()];
    const response = await postEmptyJson({
      ...call.site,
      target: call.target,
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": userAgent,
        [call.credentialHeader]: `Bearer ${call.credential.reveal()}`,
        ...call.extraHeaders,
      },
      dispatcher,
      timeouts,
      secrets,
      signal: call.signal,
    });
    if (response.status < 200 || response.status > 299) {
      const bodyText = response.body.ok ? response.body.text : undefined;
      throw errorFromResponse(call.site, { ...response, bodyText }, { now: clock.now(), secrets });
    }
    return { status: response.status, body: response.body, secrets };
  }

  return {
    async triggerRule(input) {
      const target = parseTargetUrl(input.url);
      const site: CallSite = { op: "triggerRule", method: "POST", url: describeUrl(target) };
      const keyProblem = explainIdempotencyKey(input.idempotencyKey);
      if (keyProblem !== undefined) throw new InvalidInputError({ ...site, reason: keyProblem });
      const { status, body, secrets } = await send({
        site,
        target,
        credentialHeader: "x-sequence-signature",
        credential: input.secret,
        extraHeaders: { "idempotency-key": input.idempotencyKey },
        signal: input.signal,
      });
      // Any 2xx means Sequence took the trigger, even when its body is unreadable.
      const parsed = parseTriggerBody(body.ok ? tryParseJson(body.text) : undefined);
      const result: TriggerRuleResult = { status };
      if (parsed.requestId !== undefined) result.requestId = redactSecrets(parsed.requestId, secrets);
      if (parsed.message !== undefined) result.message = redactSecrets(parsed.message, secrets);
      return result;
    },

    async listAccounts(input) {
      const site: CallSite = { op: "listAccounts", method: "POST", url: describeUrl(accountsUrl) };
      const { status, body } = await send({
        site,
        target: accountsUrl,
        credentialHeader: "x-sequence-access-token",
        credential: input.token,
        signal: input.signal,
      });
      if (!body.ok) throw body.error;
      const parsed = parseAccountsBody(tryParseJson(body.text));
      if (!parsed.ok) throw new MalformedResponseError({ ...site, status, reason: parsed.reason });
      const list: AccountsList = { shape: parsed.shape, accounts: parsed.accounts };
      if (parsed.requestId !== undefined) list.requestId = parsed.requestId;
      return list;
    },

    async close() {
      if (closed) return;
      closed = true;
      await ownAgent?.close();
    },
  };
}

/** One authenticated POST. */
interface Call {
  site: CallSite;
  target: URL;
  credentialHeader: "x-sequence-signature" | "x-sequence-access-token";
  credential: Secret;
  extraHeaders?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

function parseBaseUrl(value: string | URL): URL {
  const url = tryUrl(value);
  if (url === undefined || !isHttp(url)) {
    throw new TypeError("sequence baseUrl must be an absolute http(s) URL");
  }
  if (url.username !== "" || url.password !== "") {
    throw new TypeError("sequence baseUrl must not contain user credentials");
  }
  // A trailing slash makes `new URL("accounts", base)` append instead of replacing the last segment.
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  url.search = "";
  url.hash = "";
  return url;
}

function parseTargetUrl(value: string | URL): URL {
  const url = tryUrl(value);
  const site: CallSite = { op: "triggerRule", method: "POST", url: "<invalid URL>" };
  if (url === undefined) throw new InvalidInputError({ ...site, reason: "the rule URL is not a valid URL" });
  site.url = describeUrl(url);
  if (!isHttp(url)) throw new InvalidInputError({ ...site, reason: "the rule URL must be http(s)" });
  if (url.username !== "" || url.password !== "") {
    throw new InvalidInputError({ ...site, reason: "the rule URL must not contain user credentials" });
  }
  return url;
}

function tryUrl(value: string | URL): URL | undefined {
  try {
    return new URL(String(value));
  } catch {
    return undefined;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === "https:" || url.protocol === "http:";
}

// Header values must be visible ASCII; anything else would be rejected or mangled on the wire.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function explainCredential(credential: Secret): string | undefined {
  const value = credential.reveal();
  if (value === "") return "is empty";
  return HEADER_SAFE.test(value) ? undefined : "contains spaces or characters not allowed in an HTTP header";
}

function describeCredential(op: SequenceOp): string {
  switch (op) {
    case "triggerRule":
      return "rule secret";
    case "listAccounts":
      return "access token";
    default:
      return assertNever(op);
  }
}
