import type { IncomingHttpHeaders } from "node:http";
import { parseErrorBody } from "./error-body.js";
import { codeForStatus, isResponseCode } from "./error-codes.js";
import { type CallSite, type HttpError, httpErrorFor } from "./errors.js";
import { redactSecrets } from "./redact.js";
import { parseRetryAfter } from "./retry-after.js";

/** A non-2xx answer as received. */
export interface FailedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body text, or undefined when it could not be read. */
  bodyText: string | undefined;
}

/**
 * Builds the {@link HttpError} for a non-2xx answer: the status picks the
 * class and retryability, the body (any shape) adds Sequence's code, message
 * and request id, and `Retry-After` is resolved against `now`. Every piece of
 * server text has the secrets scrubbed out.
 */
export function errorFromResponse(
  site: CallSite,
  response: FailedResponse,
  context: { now: Date; secrets: readonly string[] },
): HttpError {
  const body = response.bodyText === undefined ? {} : parseErrorBody(response.bodyText);
  const scrub = (text: string | undefined) =>
    text === undefined ? undefined : redactSecrets(text, context.secrets);
  const sequenceCode = scrub(body.code);
  return httpErrorFor({
    ...site,
    status: response.status,
    code: isResponseCode(sequenceCode) ? sequenceCode : codeForStatus(response.status),
    sequenceCode,
    sequenceMessage: scrub(body.message),
    requestId: scrub(body.requestId),
    retryAfterMs: parseRetryAfter(response.headers["retry-after"], context.now),
  });
}
