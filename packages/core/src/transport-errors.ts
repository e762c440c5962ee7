import { inspect } from "node:util";
import {
  AbortedError,
  type CallSite,
  InvalidInputError,
  NetworkError,
  type SequenceError,
  TimeoutError,
} from "./errors.js";
import { isRecord } from "./json.js";
import { oneLine, redactSecrets } from "./redact.js";

/** Client-side time limits, in milliseconds. */
export interface Timeouts {
  /** TCP + TLS connect. Only enforced by the client's own Agent. */
  connectMs: number;
  /** From sending the request to receiving the response headers. */
  headersMs: number;
  /** Longest silence while reading the response body. */
  bodyMs: number;
}

/** What `errorFromTransport` needs to know about the failed call. */
export interface TransportContext extends CallSite {
  timeouts: Timeouts;
  /** Secret values to scrub from anything that ends up in the error. */
  secrets: readonly string[];
  signal?: AbortSignal | undefined;
  /** Set when the response headers had already arrived (the failure was in the body). */
  status?: number | undefined;
}

/**
 * Error codes that can only happen before a single byte of the request was
 * written: DNS failures and refused or timed-out connects. Everything else
 * (resets, TLS, "other side closed" on a reused socket) may have delivered it.
 */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Turns whatever undici threw into the matching {@link SequenceError}.
 * Abort wins over everything else because the caller asked for it.
 */
export function errorFromTransport(error: unknown, ctx: TransportContext): SequenceError {
  const site: CallSite = { op: ctx.op, method: ctx.method, url: ctx.url };
  const cause = scrubCause(error, ctx.secrets);
  if (ctx.signal?.aborted) return new AbortedError({ ...site, sent: true, cause });
  const code = errorCode(error);
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return new TimeoutError({ ...site, phase: "connect", timeoutMs: ctx.timeouts.connectMs, cause });
    case "UND_ERR_HEADERS_TIMEOUT":
      return new TimeoutError({ ...site, phase: "headers", timeoutMs: ctx.timeouts.headersMs, cause });
    case "UND_ERR_BODY_TIMEOUT":
      return new TimeoutError({
        ...site,
        phase: "body",
        timeoutMs: ctx.timeouts.bodyMs,
        status: ctx.status,
        cause,
      });
    case "UND_ERR_INVALID_ARG":
      return new InvalidInputError({ ...site, reason: describe(error, code, ctx.secrets) });
    default:
      return new NetworkError({
        ...site,
        detail: describe(error, code, ctx.secrets),
        mayHaveReachedSequence: !(code !== undefined && NEVER_SENT.has(code)),
        status: ctx.status,
        cause,
      });
  }
}

/**
 * The error's code, looking through one `cause` level and through the
 * AggregateError Node raises when every address of a host refused.
 */
export function errorCode(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  const own = error["code"];
  if (typeof own === "string") return own;
  if (error instanceof AggregateError) {
    const codes = new Set(error.errors.map(errorCode));
    const [only] = codes;
    return codes.size === 1 ? only : undefined;
  }
  const inner = error["cause"];
  return inner === undefined || inner === error ? undefined : errorCode(inner);
}

function describe(error: unknown, code: string | undefined, secrets: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = oneLine(redactSecrets(message, secrets)) || "unknown error";
  return code === undefined || text.includes(code) ? text : `${text} (${code})`;
}

/**
 * Keeps the original error as `cause` (stack, socket details) unless any
 * rendering of it contains a secret, in which case a scrubbed copy replaces it.
 */
function scrubCause(error: unknown, secrets: readonly string[]): unknown {
  const live = secrets.filter((s) => s.length > 0);
  if (live.length === 0) return error;
  const rendered = inspect(error, { depth: 8, showHidden: true });
  if (!live.some((s) => rendered.includes(s))) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(redactSecrets(message, live));
}
