import { assertNever } from "./assert-never.js";
import { SequenceErrorCode } from "./error-codes.js";

/** The client operation that failed. */
export type SequenceOp = "triggerRule" | "listAccounts";

/** Where a failed call was going; `url` is already safe to print (origin and path only). */
export interface CallSite {
  op: SequenceOp;
  method: string;
  url: string;
}

interface SequenceErrorInit {
  op: SequenceOp;
  code: SequenceErrorCode;
  retryable: boolean;
  mayHaveReachedSequence: boolean;
  status?: number | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  sequenceCode?: string | undefined;
  sequenceMessage?: string | undefined;
  cause?: unknown;
}

/**
 * Base of every failure of a Sequence call. Never carries a secret: messages
 * name the operation, method, URL (origin + path) and outcome, like
 * `trigger rule failed: POST https://api.getsequence.io/remote-api/rules/ru_1/trigger → 429 TOO_MANY_REQUESTS`.
 */
export abstract class SequenceError extends Error {
  override readonly name: string = "SequenceError";
  readonly op: SequenceOp;
  readonly code: SequenceErrorCode;
  /** Whether sending the same request again (same idempotency key) may succeed. */
  readonly retryable: boolean;
  /**
   * False only when the request certainly never left this process or never
   * reached a server (connection refused, DNS failure, connect timeout, bad
   * input). The dispatcher uses it to tell a "claimed" firing from a "sent" one.
   */
  readonly mayHaveReachedSequence: boolean;
  declare readonly status?: number;
  declare readonly requestId?: string;
  /** How long the server asked us to wait, already resolved against the client's clock. */
  declare readonly retryAfterMs?: number;
  /** Sequence's code string as sent, also when it is not in {@link SequenceErrorCode}. */
  declare readonly sequenceCode?: string;
  /** Sequence's message (or a one-line summary of a non-JSON body), secrets redacted. */
  declare readonly sequenceMessage?: string;

  protected constructor(message: string, init: SequenceErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.op = init.op;
    this.code = init.code;
    this.retryable = init.retryable;
    this.mayHaveReachedSequence = init.mayHaveReachedSequence;
    // Optional fields are only set when known, so logs carry no `undefined` noise.
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.sequenceCode !== undefined) this.sequenceCode = init.sequenceCode;
    if (init.sequenceMessage !== undefined) this.sequenceMessage = init.sequenceMessage;
  }

  /** A plain object for structured logs and the store. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      op: this.op,
      code: this.code,
      status: this.status,
      retryable: this.retryable,
      mayHaveReachedSequence: this.mayHaveReachedSequence,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      sequenceCode: this.sequenceCode,
      sequenceMessage: this.sequenceMessage,
    };
  }
}

/** The words a failure message starts with, per operation. */
export function describeOp(op: SequenceOp): string {
  switch (op) {
    case "triggerRule":
      return "trigger rule";
    case "listAccounts":
      return "list accounts";
    default:
      return assertNever(op);
  }
}

function failure(site: CallSite, outcome: string): string {
  return `${describeOp(site.op)} failed: ${site.method} ${site.url} → ${outcome}`;
}

/**
 * Statuses worth repeating with the same idempotency key (sequence-api.md §5):
 * 408, 429 and 5xx. Not 409: it says Sequence already knows the key, so
 * sending it again cannot change anything (see {@link ConflictError}).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Everything known about a non-2xx answer. */
export interface HttpErrorInit extends CallSite {
  status: number;
  code: SequenceErrorCode;
  sequenceCode?: string | undefined;
  sequenceMessage?: string | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
}

/** Sequence (or something in front of it) answered with a non-2xx status. */
export class HttpError extends SequenceError {
  override readonly name: string = "HttpError";
  declare readonly status: number;

  constructor(init: HttpErrorInit) {
    const label = init.sequenceCode ?? init.code;
    const said = init.sequenceMessage === undefined ? "" : `: ${init.sequenceMessage}`;
    super(failure(init, `${init.status} ${label}${said}`), {
      ...init,
      retryable: isRetryableStatus(init.status),
      mayHaveReachedSequence: true,
    });
  }
}

/** 401: the secret or token was rejected. Permanent until the config changes; the daemon opens a circuit. */
export class AuthError extends HttpError {
  override readonly name: string = "AuthError";
}

/** 429: Sequence is throttling. Retryable; `retryAfterMs` is set when the server said how long to wait. */
export class RateLimitedError extends HttpError {
  override readonly name: string = "RateLimitedError";
}

/**
 * 409: Sequence already knows this idempotency key (the first request is in
 * flight or done). Not retryable: resending the same key cannot start anything
 * new. For a key the dispatcher already sent, this means Sequence has it.
 */
export class ConflictError extends HttpError {
  override readonly name: string = "ConflictError";
}

/** Builds the subclass that matches the status. */
export function httpErrorFor(init: HttpErrorInit): HttpError {
  switch (init.status) {
    case 401:
      return new AuthError(init);
    case 409:
      return new ConflictError(init);
    case 429:
      return new RateLimitedError(init);
    default:
      return new HttpError(init);
  }
}

/** The connection failed before a complete HTTP answer arrived (refused, reset, DNS, TLS …). */
export class NetworkError extends SequenceError {
  override readonly name: string = "NetworkError";

  constructor(
    init: CallSite & {
      detail: string;
      mayHaveReachedSequence: boolean;
      status?: number | undefined;
      cause: unknown;
    },
  ) {
    const sent = init.mayHaveReachedSequence ? "" : " (request not sent)";
    super(failure(init, `network error: ${init.detail}${sent}`), {
      op: init.op,
      code: SequenceErrorCode.NETWORK_ERROR,
      retryable: true,
      mayHaveReachedSequence: init.mayHaveReachedSequence,
      status: init.status,
      cause: init.cause,
    });
  }
}

/** Which wait ran out. */
export type TimeoutPhase = "connect" | "headers" | "body";

/** A client timeout fired. Only a connect timeout proves the request was never sent. */
export class TimeoutError extends SequenceError {
  override readonly name: string = "TimeoutError";
  readonly phase: TimeoutPhase;
  declare readonly timeoutMs?: number;

  constructor(
    init: CallSite & {
      phase: TimeoutPhase;
      timeoutMs?: number | undefined;
      status?: number | undefined;
      cause: unknown;
    },
  ) {
    const after = init.timeoutMs === undefined ? "" : ` after ${init.timeoutMs} ms`;
    super(failure(init, `timed out${after} ${describePhase(init.phase)}`), {
      op: init.op,
      code: SequenceErrorCode.TIMEOUT,
      retryable: true,
      mayHaveReachedSequence: init.phase !== "connect",
      status: init.status,
      cause: init.cause,
    });
    this.phase = init.phase;
    if (init.timeoutMs !== undefined) this.timeoutMs = init.timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), phase: this.phase, timeoutMs: this.timeoutMs };
  }
}

function describePhase(phase: TimeoutPhase): string {
  switch (phase) {
    case "connect":
      return "connecting";
    case "headers":
      return "waiting for the response";
    case "body":
      return "reading the response body";
    default:
      return assertNever(phase);
  }
}

/** A 2xx answer whose body cannot be used. Retryable: the next answer may be whole. */
export class MalformedResponseError extends SequenceError {
  override readonly name: string = "MalformedResponseError";

  constructor(init: CallSite & { status: number; reason: string; requestId?: string | undefined }) {
    super(failure(init, `${init.status} malformed response: ${init.reason}`), {
      op: init.op,
      code: SequenceErrorCode.MALFORMED_RESPONSE,
      retryable: true,
      mayHaveReachedSequence: true,
      status: init.status,
      requestId: init.requestId,
    });
  }
}

/** The caller's AbortSignal fired. Not retryable by itself: the caller decided to stop. */
export class AbortedError extends SequenceError {
  override readonly name: string = "AbortedError";

  constructor(init: CallSite & { sent: boolean; cause: unknown }) {
    super(failure(init, init.sent ? "aborted" : "aborted before sending"), {
      op: init.op,
      code: SequenceErrorCode.ABORTED,
      retryable: false,
      mayHaveReachedSequence: init.sent,
      cause: init.cause,
    });
  }
}

/** The request was refused locally (bad URL, bad idempotency key, bad credential) and never sent. */
export class InvalidInputError extends SequenceError {
  override readonly name: string = "InvalidInputError";

  constructor(init: CallSite & { reason: string }) {
    super(failure(init, `not sent: ${init.reason}`), {
      op: init.op,
      code: SequenceErrorCode.INVALID_INPUT,
      retryable: false,
      mayHaveReachedSequence: false,
    });
  }
}
