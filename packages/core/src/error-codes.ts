import { assertNever } from "./assert-never.js";
/**
 * The closed table of error codes a Sequence call can fail with.
 *
 * The first group are codes Sequence itself sends (legacy Remote API and the
 * Platform v1 codes listed in sequence-api.md §5); the second group are ours,
 * derived from the HTTP status when Sequence sent no code we know; the last
 * group describes failures without an HTTP answer.
 */
export const SequenceErrorCode = {
  // Sequence, legacy Remote API
  INVALID_API_SECRET: "INVALID_API_SECRET",
  INVALID_ACCESS_TOKEN: "INVALID_ACCESS_TOKEN",
  INVALID_REQUEST: "INVALID_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNEXPECTED_ERROR: "UNEXPECTED_ERROR",
  // Sequence, Platform v1 (seen on the nested {error:{code}} shape)
  UNAUTHORIZED: "UNAUTHORIZED",
  ACCESS_DENIED: "ACCESS_DENIED",
  INVALID_PARAMETERS: "INVALID_PARAMETERS",
  IDEMPOTENCY_KEY_MISMATCH: "IDEMPOTENCY_KEY_MISMATCH",
  MAXIMUM_AMOUNT_EXCEEDED: "MAXIMUM_AMOUNT_EXCEEDED",
  RULE_DEACTIVATED: "RULE_DEACTIVATED",
  INVALID_RULE: "INVALID_RULE",
  RULE_EXECUTION_IN_PROGRESS: "RULE_EXECUTION_IN_PROGRESS",
  TRANSFER_IN_PROGRESS: "TRANSFER_IN_PROGRESS",
  RATE_LIMIT_EXCEEDED: "RATE_LIMIT_EXCEEDED",
  // Ours, from the HTTP status when the body had no known code
  BAD_REQUEST: "BAD_REQUEST",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
  CONFLICT: "CONFLICT",
  SERVER_ERROR: "SERVER_ERROR",
  HTTP_ERROR: "HTTP_ERROR",
  // Ours, no usable HTTP answer
  NETWORK_ERROR: "NETWORK_ERROR",
  TIMEOUT: "TIMEOUT",
  MALFORMED_RESPONSE: "MALFORMED_RESPONSE",
  ABORTED: "ABORTED",
  INVALID_INPUT: "INVALID_INPUT",
} as const;

export type SequenceErrorCode = (typeof SequenceErrorCode)[keyof typeof SequenceErrorCode];

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(SequenceErrorCode));

/** True when `value` is one of the codes in {@link SequenceErrorCode}. */
export function isSequenceErrorCode(value: unknown): value is SequenceErrorCode {
  return typeof value === "string" && KNOWN_CODES.has(value);
}

const LOCAL_CODES: ReadonlySet<string> = new Set([
  SequenceErrorCode.NETWORK_ERROR,
  SequenceErrorCode.TIMEOUT,
  SequenceErrorCode.MALFORMED_RESPONSE,
  SequenceErrorCode.ABORTED,
  SequenceErrorCode.INVALID_INPUT,
]);

/**
 * True when a code found in a response body may be adopted as the error's
 * code: any code in the table except those describing failures without an
 * HTTP answer (a body saying "TIMEOUT" must not pose as our client timeout).
 */
export function isResponseCode(value: unknown): value is SequenceErrorCode {
  return isSequenceErrorCode(value) && !LOCAL_CODES.has(value);
}

/** Our code for an HTTP status when Sequence sent no code we know. */
export function codeForStatus(status: number): SequenceErrorCode {
  switch (status) {
    case 400:
      return SequenceErrorCode.BAD_REQUEST;
    case 401:
      return SequenceErrorCode.UNAUTHORIZED;
    case 403:
      return SequenceErrorCode.FORBIDDEN;
    case 404:
      return SequenceErrorCode.NOT_FOUND;
    case 405:
      return SequenceErrorCode.METHOD_NOT_ALLOWED;
    case 409:
      return SequenceErrorCode.CONFLICT;
    case 429:
      return SequenceErrorCode.TOO_MANY_REQUESTS;
    default:
      return status >= 500 && status <= 599 ? SequenceErrorCode.SERVER_ERROR : SequenceErrorCode.HTTP_ERROR;
  }
}

/**
 * One line for operators saying what a code means and what to do about it,
 * for alerts and CLI output.
 *
 * @example explainCode("INVALID_API_SECRET") // "Sequence rejected the rule's secret: …"
 */
export function explainCode(code: SequenceErrorCode): string {
  switch (code) {
    case "INVALID_API_SECRET":
      return "Sequence rejected the rule's secret: check the secret configured for this rule";
    case "INVALID_ACCESS_TOKEN":
      return "Sequence rejected the access token: it may be revoked, expired or for another beneficiary";
    case "INVALID_REQUEST":
      return "Sequence refused the request: the rule id is wrong, deleted or not set up for API triggers";
    case "TOO_MANY_REQUESTS":
      return "Sequence is throttling this rule or token: retry later with the same idempotency key";
    case "UNEXPECTED_ERROR":
      return "Sequence had an internal error: retry later with the same idempotency key";
    case "UNAUTHORIZED":
      return "Sequence did not accept the credentials";
    case "ACCESS_DENIED":
      return "the credentials lack the permission (scope) for this call";
    case "INVALID_PARAMETERS":
      return "Sequence rejected the request's parameters";
    case "IDEMPOTENCY_KEY_MISMATCH":
      return "the idempotency key was already used with a different request: a new intent needs a new key";
    case "MAXIMUM_AMOUNT_EXCEEDED":
      return "the amount is above the maximum the credentials allow";
    case "RULE_DEACTIVATED":
      return "the rule is disabled in the Sequence app";
    case "INVALID_RULE":
      return "the rule cannot be triggered through the API or was deleted";
    case "RULE_EXECUTION_IN_PROGRESS":
      return "Sequence is still running the request sent earlier with this idempotency key";
    case "TRANSFER_IN_PROGRESS":
      return "Sequence is still processing the transfer sent earlier with this idempotency key";
    case "RATE_LIMIT_EXCEEDED":
      return "Sequence's per-key rate limit was hit: retry after the time it asked for";
    case "BAD_REQUEST":
      return "Sequence refused the request as invalid";
    case "FORBIDDEN":
      return "Sequence refused access to this resource";
    case "NOT_FOUND":
      return "no such endpoint: check the configured URL";
    case "METHOD_NOT_ALLOWED":
      return "Sequence does not accept this HTTP method here (a seqd bug: every call must be POST)";
    case "CONFLICT":
      return "Sequence reports a conflict with an earlier request using the same idempotency key";
    case "SERVER_ERROR":
      return "Sequence (or a proxy in front of it) failed: retry later";
    case "HTTP_ERROR":
      return "Sequence answered with an unexpected HTTP status";
    case "NETWORK_ERROR":
      return "the connection to Sequence failed";
    case "TIMEOUT":
      return "Sequence did not answer in time";
    case "MALFORMED_RESPONSE":
      return "Sequence's answer could not be understood";
    case "ABORTED":
      return "the call was cancelled by seqd (for example during shutdown)";
    case "INVALID_INPUT":
      return "seqd refused to send the request because its input is invalid";
    default:
      return assertNever(code);
  }
}
