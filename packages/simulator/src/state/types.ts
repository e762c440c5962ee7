import type { Cents, Secret } from "@seqd/core";

/** Account kinds the legacy `POST /accounts` reports. */
export const ACCOUNT_TYPES = ["Pod", "Income Source", "Account"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Request shapes the simulator can use when it calls a remote-amount URL (the real one is unknown). */
export const REMOTE_BODIES = ["empty", "none", "context"] as const;
export type RemoteBody = (typeof REMOTE_BODIES)[number];

export const REMOTE_METHODS = ["POST", "GET"] as const;
export type RemoteMethod = (typeof REMOTE_METHODS)[number];

/** What a repeated `idempotency-key` gets back: the original 200 body, or a 409. */
export const DUPLICATE_MODES = ["replay", "conflict"] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

/** Whether an idempotency key is remembered per rule or across all rules. */
export const KEY_SCOPES = ["rule", "global"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** `any`: every non-empty key; `platform`: Platform v1's rule (1–36 of `[A-Za-z0-9._:/|-]`). */
export const KEY_FORMATS = ["any", "platform"] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

export interface SimAccount {
  id: string;
  name: string;
  type: AccountType;
  balance: Cents;
  /** When set, `POST /accounts` reports `amountInDollars: null` with this error text. */
  unavailable: string | null;
}

export interface SimToken {
  token: Secret;
  /** Account ids the token sees; null = every account. */
  accounts: string[] | null;
}

export interface RemoteAmountOptions {
  method: RemoteMethod;
  body: RemoteBody;
  /** Send `x-sequence-signature: Bearer <rule secret>`. */
  signature: boolean;
  timeoutMs: number;
  /** Extra attempts after a timeout, network error or 5xx. */
  retries: number;
}

export type AmountSpec =
  | { kind: "fixed"; cents: Cents }
  | { kind: "percent"; basisPoints: number }
  | { kind: "topUpTo"; cents: Cents }
  | ({ kind: "remote"; url: string } & RemoteAmountOptions);

export interface TransferAction {
  from: string;
  to: string;
  amount: AmountSpec;
  /** Move what is available instead of failing INSUFFICIENT_FUNDS. */
  upToEnabled: boolean;
}

export interface RateLimitPolicy {
  max: number;
  windowMs: number;
  /** `computed`: seconds until a slot frees; a number: that many seconds; null: no header. */
  retryAfter: "computed" | number | null;
}

export interface SimRule {
  id: string;
  secret: Secret;
  /** False models a rule that exists but has no "Triggered remote API" trigger (400). */
  apiTrigger: boolean;
  rateLimit: RateLimitPolicy | null;
  actions: TransferAction[];
}

export interface IdempotencyPolicy {
  retentionMs: number;
  duplicate: DuplicateMode;
  scope: KeyScope;
  keyFormat: KeyFormat;
}

export const FAULT_ROUTES = ["accounts", "trigger", "any"] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];

export const FAULT_KINDS = ["latency", "status", "reset", "malformed", "nullBalance", "legacyShape"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault as configured; the registry adds its id and remaining count. */
export interface FaultSpec {
  route: FaultRoute;
  /** Only triggers of this rule (route `trigger`). */
  ruleId: string | null;
  kind: FaultKind;
  /** `latency`: added delay. */
  latencyMs: number;
  /** `status`: the HTTP status and body style. */
  status: number;
  body: "json" | "text";
  /** `nullBalance`: which accounts (null = all) and the error text. */
  accounts: string[] | null;
  error: string;
  /** The request is handled (the rule runs) before the fault replaces the answer. */
  processed: boolean;
  /** Apply to this many matching requests, then recover; null = forever. */
  times: number | null;
  /** Chance per matching request, drawn from the seeded PRNG; 1 = always. */
  probability: number;
}

export interface DriftEntry {
  account: string;
  everyMs: number;
  by: Cents;
  min: Cents | null;
  max: Cents | null;
}

/** A validated simulator state: money in cents, durations in milliseconds. */
export interface SimState {
  accounts: SimAccount[];
  tokens: SimToken[];
  rules: SimRule[];
  idempotency: IdempotencyPolicy;
  faults: FaultSpec[];
  /** Seed of the PRNG behind fault probabilities. */
  seed: number;
  drift: DriftEntry[];
}
