import { HttpError, type SequenceError } from "@seqd/core";

/**
 * Whether a failed trigger attempt may nevertheless have run the rule in Sequence. A 4xx is a
 * definite refusal (nothing ran); a 5xx, a timeout after sending, a connection lost after
 * sending or an unreadable 2xx may hide an execution. A firing that gives up after such an
 * attempt is `ambiguous`, not `failed`: it may have moved money, so it counts towards
 * `maxPerDay` and a human must check it.
 */
export function mayHaveExecuted(error: SequenceError): boolean {
  if (error instanceof HttpError) return error.status >= 500;
  return error.mayHaveReachedSequence;
}
