import { STATE_ISSUE } from "../errors.js";
import type { Checker, Path } from "./check.js";
import {
  type AmountSpec,
  type RateLimitPolicy,
  REMOTE_BODIES,
  REMOTE_METHODS,
  type RemoteAmountOptions,
  type TransferAction,
} from "./types.js";

/** Keys of remote-amount options (per action, and the state-wide `remoteAmount` defaults). */
export const REMOTE_OPTION_KEYS = ["method", "body", "signature", "timeout", "retries"] as const;

/** Defaults of every remote amount call unless the state's `remoteAmount` changes them. */
export const DEFAULT_REMOTE_OPTIONS: RemoteAmountOptions = {
  method: "POST",
  body: "empty",
  signature: false,
  timeoutMs: 5_000,
  retries: 0,
};

/** Checks `remoteAmount`-style options, starting from `base`. */
export function checkRemoteOptions(
  check: Checker,
  raw: Record<string, unknown>,
  path: Path,
  base: RemoteAmountOptions,
): RemoteAmountOptions {
  const options = { ...base };
  if (raw["method"] !== undefined) {
    options.method = check.oneOf(raw["method"], [...path, "method"], "method", REMOTE_METHODS) ?? base.method;
  }
  if (raw["body"] !== undefined) {
    options.body = check.oneOf(raw["body"], [...path, "body"], "body", REMOTE_BODIES) ?? base.body;
  }
  options.signature = check.boolean(raw["signature"], [...path, "signature"], "signature", base.signature);
  if (raw["timeout"] !== undefined) {
    const timeout = check.duration(raw["timeout"], [...path, "timeout"], "timeout");
    if (timeout === 0) check.add(STATE_ISSUE.invalidValue, [...path, "timeout"], "timeout must be above 0");
    options.timeoutMs = timeout || base.timeoutMs;
  }
  if (raw["retries"] !== undefined) {
    options.retries =
      check.integer(raw["retries"], [...path, "retries"], "retries", { min: 0, max: 10 }) ?? base.retries;
  }
  return options;
}

/** Checks a rate-limit mapping `{ max, window, retryAfter? }`. */
export function checkRateLimit(check: Checker, value: unknown, path: Path): RateLimitPolicy | undefined {
  const raw = check.object(value, path, "rate limit", {
    required: ["max", "window"],
    optional: ["retryAfter"],
  });
  if (!raw) return undefined;
  const max = check.integer(raw["max"], [...path, "max"], "max", { min: 1 });
  const windowMs = check.duration(raw["window"], [...path, "window"], "window");
  if (windowMs === 0) check.add(STATE_ISSUE.invalidValue, [...path, "window"], "window must be above 0");
  let retryAfter: RateLimitPolicy["retryAfter"] = "computed";
  const rawRetry = raw["retryAfter"];
  if (rawRetry === false) retryAfter = null;
  else if (rawRetry !== undefined && rawRetry !== true) {
    const ms = check.duration(rawRetry, [...path, "retryAfter"], "retryAfter");
    if (ms !== undefined) retryAfter = Math.ceil(ms / 1000);
  }
  if (max === undefined || !windowMs) return undefined;
  return { max, windowMs, retryAfter };
}

/** Checks one rule action (`{ transfer: { from, to, amount, upToEnabled? } }`). */
export function checkAction(
  check: Checker,
  value: unknown,
  path: Path,
  context: { accounts: ReadonlySet<string>; remote: RemoteAmountOptions },
): TransferAction | undefined {
  const action = check.object(value, path, "action", { required: ["transfer"] });
  if (!action) return undefined;
  const tPath = [...path, "transfer"];
  const transfer = check.object(action["transfer"], tPath, "transfer", {
    required: ["from", "to", "amount"],
    optional: ["upToEnabled"],
  });
  if (!transfer) return undefined;
  const from = check.string(transfer["from"], [...tPath, "from"], "from");
  const to = check.string(transfer["to"], [...tPath, "to"], "to");
  check.reference(from, context.accounts, [...tPath, "from"], "account");
  check.reference(to, context.accounts, [...tPath, "to"], "account");
  if (from !== undefined && from === to) {
    check.add(STATE_ISSUE.invalidValue, [...tPath, "to"], `a transfer cannot go from "${from}" to itself`);
  }
  const upToEnabled = check.boolean(transfer["upToEnabled"], [...tPath, "upToEnabled"], "upToEnabled", false);
  const amount = checkAmount(check, transfer["amount"], [...tPath, "amount"], context.remote);
  if (from === undefined || to === undefined || !amount) return undefined;
  return { from, to, amount, upToEnabled };
}

const AMOUNT_KINDS = ["fixed", "percent", "topUpTo", "remote"] as const;

function checkAmount(
  check: Checker,
  value: unknown,
  path: Path,
  remoteDefaults: RemoteAmountOptions,
): AmountSpec | undefined {
  const raw = check.object(value, path, "amount", { optional: AMOUNT_KINDS });
  if (!raw) return undefined;
  const kinds = AMOUNT_KINDS.filter((kind) => raw[kind] !== undefined);
  if (kinds.length !== 1) {
    check.add(
      STATE_ISSUE.invalidValue,
      path,
      `an amount needs exactly one of fixed, percent, topUpTo, remote${kinds.length ? `, got ${kinds.join(" and ")}` : ""}`,
    );
    return undefined;
  }
  const kind = kinds[0]!;
  const inner = raw[kind];
  const innerPath = [...path, kind];
  switch (kind) {
    case "fixed":
    case "topUpTo": {
      const cents = check.money(inner, innerPath, kind);
      if (cents === undefined) return undefined;
      if (cents >= 0) return { kind, cents };
      check.add(STATE_ISSUE.invalidValue, innerPath, `${kind} cannot be negative`);
      return undefined;
    }
    case "percent":
      return checkPercent(check, inner, innerPath);
    case "remote":
      return checkRemote(check, inner, innerPath, remoteDefaults);
  }
}

function checkPercent(check: Checker, value: unknown, path: Path): AmountSpec | undefined {
  const basisPoints = typeof value === "number" ? Math.round(value * 100) : Number.NaN;
  const exact = typeof value === "number" && Math.abs(value * 100 - basisPoints) < 1e-6;
  if (!exact || basisPoints <= 0 || basisPoints > 10_000) {
    check.add(
      STATE_ISSUE.invalidValue,
      path,
      `percent must be a number above 0 and at most 100 with at most two decimals, got ${String(value)}`,
    );
    return undefined;
  }
  return { kind: "percent", basisPoints };
}

function checkRemote(
  check: Checker,
  value: unknown,
  path: Path,
  defaults: RemoteAmountOptions,
): AmountSpec | undefined {
  if (typeof value === "string") {
    const url = checkUrl(check, value, path);
    return url === undefined ? undefined : { kind: "remote", url, ...defaults };
  }
  const raw = check.object(value, path, "remote amount", { required: ["url"], optional: REMOTE_OPTION_KEYS });
  if (!raw) return undefined;
  const url = checkUrl(check, raw["url"], [...path, "url"]);
  const options = checkRemoteOptions(check, raw, path, defaults);
  return url === undefined ? undefined : { kind: "remote", url, ...options };
}

function checkUrl(check: Checker, value: unknown, path: Path): string | undefined {
  const text = check.string(value, path, "url");
  if (text === undefined) return undefined;
  if (URL.canParse(text) && /^https?:$/.test(new URL(text).protocol)) return text;
  check.add(STATE_ISSUE.invalidValue, path, `"${text}" is not an http(s) URL`);
  return undefined;
}
