import { STATE_ISSUE } from "../errors.js";
import type { Checker, Path } from "./check.js";
import { FAULT_KINDS, FAULT_ROUTES, type FaultKind, type FaultRoute, type FaultSpec } from "./types.js";

const COMMON = ["kind", "route", "ruleId", "times", "probability"] as const;

/** The keys each fault kind accepts besides the common ones. */
const KIND_KEYS: Record<FaultKind, readonly string[]> = {
  latency: ["latency"],
  status: ["status", "body", "processed"],
  reset: ["processed"],
  malformed: ["processed"],
  nullBalance: ["accounts", "error"],
  legacyShape: [],
};

/** Ids a fault may refer to. */
export interface FaultReferences {
  accounts: ReadonlySet<string>;
  rules: ReadonlySet<string>;
}

/** Checks one fault (from a state file or `POST /__sim/faults`) and fills in its defaults. */
export function checkFault(
  check: Checker,
  value: unknown,
  path: Path,
  refs: FaultReferences,
): FaultSpec | undefined {
  const kindValue =
    value !== null && typeof value === "object" ? (value as Record<string, unknown>)["kind"] : undefined;
  const kind =
    kindValue === undefined
      ? undefined
      : check.oneOf(kindValue, [...path, "kind"], "fault kind", FAULT_KINDS);
  const raw = check.object(value, path, kind ? `fault "${kind}"` : "fault", {
    required: ["kind"],
    optional: [...COMMON, ...(kind ? KIND_KEYS[kind] : Object.values(KIND_KEYS).flat())],
  });
  if (!raw || !kind) return undefined;
  const route = checkRoute(check, raw, path, kind);
  let ruleId: string | null = null;
  if (raw["ruleId"] !== undefined) {
    ruleId = check.string(raw["ruleId"], [...path, "ruleId"], "ruleId") ?? null;
    if (ruleId !== null) check.reference(ruleId, refs.rules, [...path, "ruleId"], "rule");
  }
  const accounts = checkAccounts(check, raw["accounts"], [...path, "accounts"], refs.accounts);
  const spec: FaultSpec = {
    route,
    ruleId,
    kind,
    latencyMs: 0,
    status: 503,
    body: "json",
    accounts,
    error: "Connection failed",
    processed: kind === "malformed",
    times: null,
    probability: 1,
  };
  if (kind === "latency") {
    if (raw["latency"] === undefined)
      check.add(STATE_ISSUE.missingKey, path, 'fault "latency" needs "latency"');
    else spec.latencyMs = check.duration(raw["latency"], [...path, "latency"], "latency") ?? 0;
  }
  if (raw["status"] !== undefined) {
    spec.status = check.integer(raw["status"], [...path, "status"], "status", { min: 400, max: 599 }) ?? 503;
  }
  if (raw["body"] !== undefined) {
    spec.body = check.oneOf(raw["body"], [...path, "body"], "body", ["json", "text"] as const) ?? "json";
  }
  if (raw["error"] !== undefined) spec.error = check.string(raw["error"], [...path, "error"], "error") ?? "";
  spec.processed = check.boolean(raw["processed"], [...path, "processed"], "processed", spec.processed);
  if (raw["times"] !== undefined) {
    spec.times = check.integer(raw["times"], [...path, "times"], "times", { min: 1 }) ?? null;
  }
  if (raw["probability"] !== undefined) spec.probability = checkProbability(check, raw["probability"], path);
  return spec;
}

function checkRoute(check: Checker, raw: Record<string, unknown>, path: Path, kind: FaultKind): FaultRoute {
  const accountsOnly = kind === "nullBalance" || kind === "legacyShape";
  const fallback: FaultRoute = accountsOnly ? "accounts" : raw["ruleId"] !== undefined ? "trigger" : "any";
  if (raw["route"] === undefined) return fallback;
  const route = check.oneOf(raw["route"], [...path, "route"], "fault route", FAULT_ROUTES) ?? fallback;
  if (accountsOnly && route !== "accounts") {
    check.add(
      STATE_ISSUE.invalidValue,
      [...path, "route"],
      `fault "${kind}" only applies to route "accounts"`,
    );
  }
  if (raw["ruleId"] !== undefined && route !== "trigger") {
    check.add(
      STATE_ISSUE.invalidValue,
      [...path, "ruleId"],
      `"ruleId" needs route "trigger", not "${route}"`,
    );
  }
  return route;
}

function checkAccounts(
  check: Checker,
  value: unknown,
  path: Path,
  known: ReadonlySet<string>,
): string[] | null {
  if (value === undefined) return null;
  const list = check.list(value, path, "accounts");
  if (!list) return null;
  const ids: string[] = [];
  list.forEach((item, i) => {
    const id = check.string(item, [...path, i], "account id");
    check.reference(id, known, [...path, i], "account");
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

function checkProbability(check: Checker, value: unknown, path: Path): number {
  if (typeof value === "number" && value > 0 && value <= 1) return value;
  check.add(
    STATE_ISSUE.invalidValue,
    [...path, "probability"],
    `probability must be a number above 0 and at most 1, got ${String(value)}`,
  );
  return 1;
}
