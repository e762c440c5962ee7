import { Secret } from "@seqd/core";
import { STATE_ISSUE } from "../errors.js";
import { Checker, type Path, type PendingIssue } from "./check.js";
import {
  ACCOUNT_TYPES,
  type DriftEntry,
  DUPLICATE_MODES,
  type IdempotencyPolicy,
  KEY_FORMATS,
  KEY_SCOPES,
  type RateLimitPolicy,
  type SimAccount,
  type SimRule,
  type SimState,
  type SimToken,
} from "./types.js";
import { checkFault } from "./validate-faults.js";
import {
  checkAction,
  checkRateLimit,
  checkRemoteOptions,
  DEFAULT_REMOTE_OPTIONS,
  REMOTE_OPTION_KEYS,
} from "./validate-rules.js";

export type StateValidation = { ok: true; state: SimState } | { ok: false; issues: PendingIssue[] };

const TOP_KEYS = [
  "accounts",
  "tokens",
  "rules",
  "rateLimit",
  "idempotency",
  "remoteAmount",
  "faults",
  "seed",
  "drift",
] as const;

const DAY_MS = 86_400_000;

/**
 * Validates a plain state object (parsed YAML or a test's literal) and returns the
 * normalized state, or every problem found.
 */
export function validateState(
  input: unknown,
  options: { isFloatLiteral?: (path: Path) => boolean } = {},
): StateValidation {
  const check = new Checker(options.isFloatLiteral);
  const top = check.object(input ?? {}, [], "state", { optional: TOP_KEYS });
  if (!top) return { ok: false, issues: check.issues };
  const accountIds = new Set<string>();
  const accounts = checkAccounts(check, top["accounts"], accountIds);
  const tokens = checkTokens(check, top["tokens"], accountIds);
  const remote = top["remoteAmount"] === undefined ? DEFAULT_REMOTE_OPTIONS : checkRemoteDefaults(check, top);
  const defaultLimit = checkTopRateLimit(check, top["rateLimit"]);
  const rules = checkRules(check, top["rules"], { accounts: accountIds, remote, defaultLimit });
  const ruleIds = new Set(rules.map((r) => r.id));
  const faults = (check.list(top["faults"], ["faults"], "faults") ?? []).flatMap((value, i) => {
    const fault = checkFault(check, value, ["faults", i], { accounts: accountIds, rules: ruleIds });
    return fault ? [fault] : [];
  });
  const seed =
    top["seed"] === undefined
      ? 1
      : (check.integer(top["seed"], ["seed"], "seed", { min: 0, max: 2 ** 32 - 1 }) ?? 1);
  const state: SimState = {
    accounts,
    tokens,
    rules,
    idempotency: checkIdempotency(check, top["idempotency"]),
    faults,
    seed,
    drift: checkDrift(check, top["drift"], accountIds),
  };
  return check.issues.length === 0 ? { ok: true, state } : { ok: false, issues: check.issues };
}

/** Collects every well-formed id into `seen`, even of accounts with other problems, so references still resolve. */
function checkAccounts(check: Checker, value: unknown, seen: Set<string>): SimAccount[] {
  return (check.list(value, ["accounts"], "accounts") ?? []).flatMap((item, i) => {
    const path: Path = ["accounts", i];
    const raw = check.object(item, path, "account", {
      required: ["id", "name", "type", "balance"],
      optional: ["unavailable"],
    });
    if (!raw) return [];
    const id = check.string(raw["id"], [...path, "id"], "account id");
    const name = check.string(raw["name"], [...path, "name"], "account name");
    const type = check.oneOf(raw["type"], [...path, "type"], "account type", ACCOUNT_TYPES);
    const balance = check.money(raw["balance"], [...path, "balance"], "balance");
    let unavailable: string | null = null;
    if (raw["unavailable"] !== undefined && raw["unavailable"] !== null) {
      unavailable = check.string(raw["unavailable"], [...path, "unavailable"], "unavailable") ?? null;
    }
    if (id !== undefined && seen.has(id)) {
      check.add(STATE_ISSUE.duplicateId, [...path, "id"], `account id "${id}" is used twice`);
    }
    if (id !== undefined) seen.add(id);
    if (id === undefined || name === undefined || type === undefined || balance === undefined) return [];
    return [{ id, name, type, balance, unavailable }];
  });
}

function checkTokens(check: Checker, value: unknown, accountIds: ReadonlySet<string>): SimToken[] {
  const seen = new Set<string>();
  return (check.list(value, ["tokens"], "tokens") ?? []).flatMap((item, i) => {
    const path: Path = ["tokens", i];
    const raw = check.object(item, path, "token", { required: ["token"], optional: ["accounts"] });
    if (!raw) return [];
    const token = check.string(raw["token"], [...path, "token"], "token");
    if (token !== undefined && seen.has(token)) {
      check.add(STATE_ISSUE.duplicateId, [...path, "token"], `token #${i + 1} repeats an earlier token`);
    }
    let accounts: string[] | null = null;
    if (raw["accounts"] !== undefined) {
      accounts = (check.list(raw["accounts"], [...path, "accounts"], "accounts") ?? []).flatMap((id, j) => {
        const text = check.string(id, [...path, "accounts", j], "account id");
        check.reference(text, accountIds, [...path, "accounts", j], "account");
        return text === undefined ? [] : [text];
      });
    }
    if (token === undefined) return [];
    seen.add(token);
    return [{ token: new Secret(token), accounts }];
  });
}

function checkRemoteDefaults(check: Checker, top: Record<string, unknown>) {
  const raw = check.object(top["remoteAmount"], ["remoteAmount"], "remoteAmount", {
    optional: REMOTE_OPTION_KEYS,
  });
  return raw
    ? checkRemoteOptions(check, raw, ["remoteAmount"], DEFAULT_REMOTE_OPTIONS)
    : DEFAULT_REMOTE_OPTIONS;
}

function checkTopRateLimit(check: Checker, value: unknown): RateLimitPolicy | null {
  if (value === undefined) return null;
  const raw = check.object(value, ["rateLimit"], "rateLimit", { optional: ["perRule"] });
  if (!raw || raw["perRule"] === undefined) return null;
  return checkRateLimit(check, raw["perRule"], ["rateLimit", "perRule"]) ?? null;
}

function checkRules(
  check: Checker,
  value: unknown,
  context: {
    accounts: ReadonlySet<string>;
    remote: typeof DEFAULT_REMOTE_OPTIONS;
    defaultLimit: RateLimitPolicy | null;
  },
): SimRule[] {
  const seen = new Set<string>();
  return (check.list(value, ["rules"], "rules") ?? []).flatMap((item, i) => {
    const path: Path = ["rules", i];
    const raw = check.object(item, path, "rule", {
      required: ["id", "secret"],
      optional: ["apiTrigger", "rateLimit", "actions"],
    });
    if (!raw) return [];
    const id = check.string(raw["id"], [...path, "id"], "rule id");
    const secret = check.string(raw["secret"], [...path, "secret"], "rule secret");
    const apiTrigger = check.boolean(raw["apiTrigger"], [...path, "apiTrigger"], "apiTrigger", true);
    const rateLimit =
      raw["rateLimit"] === undefined
        ? context.defaultLimit
        : (checkRateLimit(check, raw["rateLimit"], [...path, "rateLimit"]) ?? null);
    const actions = (check.list(raw["actions"], [...path, "actions"], "actions") ?? []).flatMap(
      (action, j) => {
        const checked = checkAction(check, action, [...path, "actions", j], context);
        return checked ? [checked] : [];
      },
    );
    if (id !== undefined && seen.has(id)) {
      check.add(STATE_ISSUE.duplicateId, [...path, "id"], `rule id "${id}" is used twice`);
    }
    if (id === undefined || secret === undefined) return [];
    seen.add(id);
    return [{ id, secret: new Secret(secret), apiTrigger, rateLimit, actions }];
  });
}

function checkIdempotency(check: Checker, value: unknown): IdempotencyPolicy {
  const policy: IdempotencyPolicy = {
    retentionMs: DAY_MS,
    duplicate: "replay",
    scope: "rule",
    keyFormat: "any",
  };
  if (value === undefined) return policy;
  const path: Path = ["idempotency"];
  const raw = check.object(value, path, "idempotency", {
    optional: ["retention", "duplicate", "scope", "keyFormat"],
  });
  if (!raw) return policy;
  if (raw["retention"] !== undefined) {
    policy.retentionMs = check.duration(raw["retention"], [...path, "retention"], "retention") ?? DAY_MS;
  }
  if (raw["duplicate"] !== undefined) {
    policy.duplicate =
      check.oneOf(raw["duplicate"], [...path, "duplicate"], "duplicate", DUPLICATE_MODES) ?? "replay";
  }
  if (raw["scope"] !== undefined) {
    policy.scope = check.oneOf(raw["scope"], [...path, "scope"], "scope", KEY_SCOPES) ?? "rule";
  }
  if (raw["keyFormat"] !== undefined) {
    policy.keyFormat =
      check.oneOf(raw["keyFormat"], [...path, "keyFormat"], "keyFormat", KEY_FORMATS) ?? "any";
  }
  return policy;
}

function checkDrift(check: Checker, value: unknown, accountIds: ReadonlySet<string>): DriftEntry[] {
  return (check.list(value, ["drift"], "drift") ?? []).flatMap((item, i) => {
    const path: Path = ["drift", i];
    const raw = check.object(item, path, "drift entry", {
      required: ["account", "every", "by"],
      optional: ["min", "max"],
    });
    if (!raw) return [];
    const account = check.string(raw["account"], [...path, "account"], "account");
    check.reference(account, accountIds, [...path, "account"], "account");
    const everyMs = check.duration(raw["every"], [...path, "every"], "every");
    if (everyMs === 0) check.add(STATE_ISSUE.invalidValue, [...path, "every"], "every must be above 0");
    const by = check.money(raw["by"], [...path, "by"], "by");
    const min = raw["min"] === undefined ? null : (check.money(raw["min"], [...path, "min"], "min") ?? null);
    const max = raw["max"] === undefined ? null : (check.money(raw["max"], [...path, "max"], "max") ?? null);
    if (min !== null && max !== null && min > max) {
      check.add(STATE_ISSUE.invalidValue, [...path, "min"], "min is above max");
    }
    if (account === undefined || !everyMs || by === undefined) return [];
    return [{ account, everyMs, by, min, max }];
  });
}
