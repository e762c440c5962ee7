import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "@seqd/core";
import type { AmountAuditInput } from "@seqd/store";
import type { Logger } from "pino";
import { fixedFieldsLogger } from "../observability/logger.js";
import type { AmountOutcome, Metrics } from "../observability/metrics.js";
import type { AmountResult, AmountRoute, AmountRoutes } from "./amount-routes.js";
import { bearerToken, tokenMatches } from "./constant-time.js";
import { redactBodyText, redactHeaders, redactUrl } from "./redact.js";

/** The largest amount request body accepted (413 past it). */
export const MAX_AMOUNT_BODY_BYTES = 64 * 1024;
/** How much of a body the detailed request log line shows. */
export const LOGGED_BODY_BYTES = 2 * 1024;

/** Options of {@link createAmountHandler}. */
export interface AmountHandlerOptions {
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Read once per request: a reload that swaps the table is atomic for every request. */
  amounts: () => AmountRoutes;
  audit: (row: AmountAuditInput) => void;
  onAmountDegraded: (endpointId: string, code: string, message: string) => void;
  maxBodyBytes?: number;
}

/** Answers a request on an amount path and returns true; returns false (untouched) for any other path. */
export type AmountHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

interface Exchange {
  route: AmountRoute;
  req: IncomingMessage;
  res: ServerResponse;
  url: string;
  queryStart: number;
  requestId: string;
  startedMs: number;
  bodyBytes: number;
  /** The first bytes of the body, kept only when this request's body will be logged. */
  sample: Buffer[] | undefined;
  answered: boolean;
}

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

/**
 * The hot path: a plain `node:http` listener for the amount endpoints (no framework, no body
 * parse, no store write on the request path). Body size is enforced from Content-Length and by
 * counting the stream; the token is compared in constant time; the amount comes from the
 * cached balances; the audit row and the log lines are handed off after the response.
 *
 * @example
 * const amounts = createAmountHandler({ clock, logger, metrics, amounts: () => routes, audit, onAmountDegraded });
 * createServer((req, res) => amounts(req, res) || ops(req, res));
 */
export function createAmountHandler(options: AmountHandlerOptions): AmountHandler {
  const { clock, logger, metrics, audit, onAmountDegraded } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_AMOUNT_BODY_BYTES;
  // The per-answer line carries only fields set here: path redaction would cost more than the answer.
  const answers = fixedFieldsLogger(logger);
  const requestIds = createRequestIds();
  const detailedLogged = new Set<string>();
  // prom-client children are looked up once per endpoint and outcome, not per request.
  const counters = new Map<string, { inc(): void }>();
  const durations = new Map<string, { observe(value: number): void }>();

  function count(endpoint: string, outcome: AmountOutcome, startedMs: number): void {
    cached(counters, `${endpoint}\n${outcome}`, () => metrics.amountRequests.labels(endpoint, outcome)).inc();
    cached(durations, endpoint, () => metrics.amountDuration.labels(endpoint)).observe(
      (clock.monotonicMs() - startedMs) / 1000,
    );
  }

  function send(exchange: Exchange, status: number, body: string): void {
    exchange.answered = true;
    const { res } = exchange;
    res.writeHead(status, {
      ...JSON_HEADERS,
      "content-length": Buffer.byteLength(body),
      "x-request-id": exchange.requestId,
    });
    res.end(body);
  }

  function fail(exchange: Exchange, status: number, code: string, message: string): void {
    send(exchange, status, JSON.stringify({ error: { code, message } }));
  }

  function logAnswer(exchange: Exchange, outcome: AmountOutcome, cents: number | undefined): void {
    const { route, req } = exchange;
    answers.info(
      {
        event: "amount.answered",
        endpoint: route.id,
        requestId: exchange.requestId,
        method: req.method,
        outcome,
        cents,
        durationMs: clock.monotonicMs() - exchange.startedMs,
        contentType: req.headers["content-type"],
        bodyBytes: exchange.bodyBytes,
      },
      `amount ${route.id}: ${outcome}`,
    );
    if (exchange.sample !== undefined) logDetails(exchange);
  }

  /** What Sequence sent, redacted: Sequence's request format is undocumented, so ops need to see it. */
  function logDetails(exchange: Exchange): void {
    const { route, req } = exchange;
    const secrets = [route.token.reveal()];
    const body = Buffer.concat(exchange.sample ?? []).subarray(0, LOGGED_BODY_BYTES);
    const details = {
      event: "amount.request",
      endpoint: route.id,
      requestId: exchange.requestId,
      method: req.method,
      url: redactUrl(exchange.url),
      headers: redactHeaders(req.headers, secrets),
      body: redactBodyText(body.toString("utf8"), secrets),
      bodyBytes: exchange.bodyBytes,
      bodyTruncated: exchange.bodyBytes > body.length,
    };
    const first = !detailedLogged.has(route.id);
    detailedLogged.add(route.id);
    if (first) logger.info(details, `first request to amount endpoint ${route.id} since start`);
    else logger.debug(details, `amount request to ${route.id}`);
  }

  function authorized(exchange: Exchange): boolean {
    const { route, req, url, queryStart } = exchange;
    let ok = false;
    let candidates = 0;
    const header = req.headers["x-sequence-signature"];
    const bearer = bearerToken(typeof header === "string" ? header : undefined);
    if (bearer !== undefined) {
      candidates += 1;
      ok = tokenMatches(bearer, route.tokenDigest) || ok;
    }
    if (queryStart !== -1) {
      for (const token of new URLSearchParams(url.slice(queryStart + 1)).getAll("token")) {
        candidates += 1;
        ok = tokenMatches(token, route.tokenDigest) || ok;
      }
    }
    // No token at all still costs one comparison, so a missing token answers no faster.
    if (candidates === 0) tokenMatches("", route.tokenDigest);
    return ok;
  }

  function tooLarge(exchange: Exchange): void {
    // Close the connection: the rest of the oversized body is not worth reading.
    exchange.res.setHeader("connection", "close");
    fail(exchange, 413, "payload_too_large", `the request body is over ${maxBodyBytes} bytes`);
    count(exchange.route.id, "too_large", exchange.startedMs);
    logAnswer(exchange, "too_large", undefined);
  }

  function answer(exchange: Exchange): void {
    const { route } = exchange;
    if (!authorized(exchange)) {
      fail(exchange, 401, "unauthorized", "missing or wrong token");
      count(route.id, "unauthorized", exchange.startedMs);
      logAnswer(exchange, "unauthorized", undefined);
      return;
    }
    const now = clock.now();
    const result = route.answer(now);
    if (result.ok) {
      send(exchange, 200, `{"amountInCents":${result.cents}}`);
      finish(exchange, now, result, "ok");
    } else if (route.onStale === "zero") {
      send(exchange, 200, '{"amountInCents":0}');
      finish(exchange, now, result, "zero_stale");
    } else {
      fail(exchange, 503, result.code, result.message);
      finish(exchange, now, result, "rejected");
    }
  }

  /** After the response: metrics, audit, log, alert. A failure here must not take the process down. */
  function finish(exchange: Exchange, now: Date, result: AmountResult, outcome: AmountOutcome): void {
    try {
      record(exchange, now, result, outcome);
    } catch (error) {
      logger.error(
        { event: "amount.record_failed", endpoint: exchange.route.id, err: error },
        "could not record an amount answer",
      );
    }
  }

  function record(exchange: Exchange, now: Date, result: AmountResult, outcome: AmountOutcome): void {
    const { route } = exchange;
    count(route.id, outcome, exchange.startedMs);
    const cents = result.ok ? result.cents : outcome === "zero_stale" ? 0 : undefined;
    audit({
      at: now,
      endpoint: route.id,
      requestId: exchange.requestId,
      inputs: result.inputs,
      formulaHash: route.formulaHash,
      ...(result.ok ? { raw: result.raw } : { errorCode: result.code }),
      ...(cents === undefined ? {} : { clamped: cents }),
      outcome,
    });
    logAnswer(exchange, outcome, cents);
    if (!result.ok) {
      logger.warn(
        {
          event: "amount.degraded",
          endpoint: route.id,
          requestId: exchange.requestId,
          code: result.code,
          outcome,
        },
        `amount ${route.id} answered ${outcome === "zero_stale" ? "0" : "503"}: ${result.message}`,
      );
      onAmountDegraded(route.id, result.code, result.message);
    }
  }

  return function handleAmount(req, res) {
    const url = req.url ?? "/";
    const queryStart = url.indexOf("?");
    const route = options.amounts().byPath.get(queryStart === -1 ? url : url.slice(0, queryStart));
    if (route === undefined) return false;
    const exchange: Exchange = {
      route,
      req,
      res,
      url,
      queryStart,
      requestId: requestIds(),
      startedMs: clock.monotonicMs(),
      bodyBytes: 0,
      sample: !detailedLogged.has(route.id) || logger.isLevelEnabled("debug") ? [] : undefined,
      answered: false,
    };
    if (req.method !== "GET" && req.method !== "POST") {
      res.setHeader("allow", "GET, POST");
      fail(exchange, 405, "method_not_allowed", "amount endpoints answer GET and POST");
      return true;
    }
    const declared = Number(req.headers["content-length"]);
    if (declared > maxBodyBytes) {
      tooLarge(exchange);
      req.resume();
      return true;
    }
    let sampled = 0;
    req.on("data", (chunk: Buffer) => {
      exchange.bodyBytes += chunk.length;
      if (exchange.answered) return;
      if (exchange.bodyBytes > maxBodyBytes) {
        tooLarge(exchange);
        return;
      }
      if (exchange.sample !== undefined && sampled < LOGGED_BODY_BYTES) {
        exchange.sample.push(chunk);
        sampled += chunk.length;
      }
    });
    req.on("end", () => {
      if (!exchange.answered) answer(exchange);
    });
    // A client that goes away mid-body gets no answer; nothing to audit.
    req.on("error", () => undefined);
    return true;
  };
}

function cached<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const found = cache.get(key);
  if (found !== undefined) return found;
  const made = make();
  cache.set(key, made);
  return made;
}

/** Request ids unique across restarts without a random call per request: a boot prefix and a counter. */
function createRequestIds(): () => string {
  const boot = randomBytes(4).toString("hex");
  let next = 0;
  return () => `${boot}-${(next++).toString(36)}`;
}
