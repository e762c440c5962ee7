import type {
  AccountType,
  DuplicateMode,
  FaultKind,
  FaultRoute,
  KeyFormat,
  KeyScope,
  RemoteBody,
  RemoteMethod,
} from "./types.js";

/** Money as written in a state: `"$1_500.25"` or integer cents. */
export type MoneyInput = string | number;
/** A duration as written in a state: `"30s"`, `"250ms"`, `"15m"`, `"6h"`, `"1d"`. */
export type DurationInput = string;

/** The state file's shape (what YAML or a test object gives), before validation. */
export interface StateInput {
  accounts?: AccountInput[];
  tokens?: TokenInput[];
  rules?: RuleInput[];
  rateLimit?: { perRule?: RateLimitInput };
  idempotency?: IdempotencyInput;
  /** Defaults for every `remote` amount; each action may override them. */
  remoteAmount?: RemoteOptionsInput;
  faults?: FaultInput[];
  seed?: number;
  drift?: DriftInput[];
}

export interface AccountInput {
  id: string;
  name: string;
  type: AccountType;
  balance: MoneyInput;
  unavailable?: string | null;
}

export interface TokenInput {
  token: string;
  accounts?: string[];
}

export interface RuleInput {
  id: string;
  secret: string;
  apiTrigger?: boolean;
  rateLimit?: RateLimitInput;
  actions?: ActionInput[];
}

export interface ActionInput {
  transfer: {
    from: string;
    to: string;
    amount: AmountInput;
    upToEnabled?: boolean;
  };
}

export type AmountInput =
  | { fixed: MoneyInput }
  | { percent: number }
  | { topUpTo: MoneyInput }
  | { remote: string | ({ url: string } & RemoteOptionsInput) };

export interface RemoteOptionsInput {
  method?: RemoteMethod;
  body?: RemoteBody;
  signature?: boolean;
  timeout?: DurationInput;
  retries?: number;
}

export interface RateLimitInput {
  max: number;
  window: DurationInput;
  retryAfter?: boolean | DurationInput;
}

export interface IdempotencyInput {
  retention?: DurationInput;
  duplicate?: DuplicateMode;
  scope?: KeyScope;
  keyFormat?: KeyFormat;
}

export interface FaultInput {
  route?: FaultRoute;
  ruleId?: string;
  kind: FaultKind;
  latency?: DurationInput;
  status?: number;
  body?: "json" | "text";
  accounts?: string[];
  error?: string;
  processed?: boolean;
  times?: number;
  probability?: number;
}

export interface DriftInput {
  account: string;
  every: DurationInput;
  by: MoneyInput;
  min?: MoneyInput;
  max?: MoneyInput;
}
