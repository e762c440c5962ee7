import { HttpError, type SequenceError } from "@seqd/core";

/**
 * The `status` label of `seqd_sequence_requests_total`: the HTTP status when Sequence answered
 * (`"429"`), else what went wrong (`"timeout"`, `"network_error"`, `"malformed_response"` …).
 */
export function requestStatusLabel(error: SequenceError): string {
  return error instanceof HttpError ? String(error.status) : error.code.toLowerCase();
}
