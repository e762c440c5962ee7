export {
  type AccountReading,
  type AccountsList,
  type AccountsShape,
  type BalanceReading,
  parseAccountsBody,
} from "./accounts.js";
export { type Clock, createFakeClock, type FakeClock, systemClock } from "./clock.js";
export { explainCode, isSequenceErrorCode, SequenceErrorCode } from "./error-codes.js";
export {
  AbortedError,
  AuthError,
  type CallSite,
  ConflictError,
  HttpError,
  type HttpErrorInit,
  InvalidInputError,
  MalformedResponseError,
  NetworkError,
  RateLimitedError,
  SequenceError,
  type SequenceOp,
  TimeoutError,
  type TimeoutPhase,
} from "./errors.js";
export { explainIdempotencyKey, IDEMPOTENCY_KEY_PATTERN, isValidIdempotencyKey } from "./idempotency-key.js";
export {
  type Cents,
  dollarsToCents,
  formatMoney,
  formatMoneyLiteral,
  type MoneyParse,
  parseMoney,
} from "./money.js";
export {
  decideRetry,
  defaultAccountsRetryPolicy,
  defaultTriggerRetryPolicy,
  type GiveUpEvent,
  GiveUpReason,
  type RetryDecision,
  type RetryEvent,
  type RetryInput,
  type RetryPolicy,
  type WithRetryOptions,
  withRetry,
} from "./retry.js";
export { parseRetryAfter } from "./retry-after.js";
export { Secret } from "./secret.js";
export {
  createSequenceClient,
  defaultTimeouts,
  type ListAccountsInput,
  type SequenceClient,
  type SequenceClientOptions,
  type TriggerRuleInput,
  type TriggerRuleResult,
} from "./sequence-client.js";
export { didYouMean, editDistance } from "./suggest.js";
export type { Timeouts } from "./transport-errors.js";
