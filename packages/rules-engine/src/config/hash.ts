import { createHash } from "node:crypto";
import type { AccountConfig, Config, TriggerConfig } from "./model.js";

/** Model fields that describe where something was written, or derive from the rest. */
const SKIPPED_FIELDS = new Set(["pos", "definitionHash", "compiled"]);

/**
 * A canonical JSON text of a config value: object keys sorted, Maps as sorted objects,
 * Dates as ISO strings, functions and positions dropped. Two configs that mean the same
 * (whatever their key order, comments, quoting, `$1500` vs `150000`, or file split)
 * produce the same text, because it is computed from the model after defaults.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  // Map keys are user ids: sorted, never filtered (an amount may well be called "pos").
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]) => [String(key), canonical(item)] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (SKIPPED_FIELDS.has(key) || item === undefined || typeof item === "function") continue;
    out[key] = canonical(item);
  }
  return out;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The config hash: sha256 of the canonical form of everything that changes what the
 * daemon does. `tests:` is left out (it never changes a decision), as are positions.
 */
export function configHash(config: Omit<Config, "hash">): string {
  const { files: _files, tests: _tests, ...meaning } = config;
  return sha256(canonicalJson(meaning));
}

/**
 * A trigger's definition hash: changes when anything in the trigger's own definition
 * changes (defaults applied, the effective time zone included) or when the account its
 * threshold watches is re-pointed; not when unrelated parts of the config change.
 */
export function triggerDefinitionHash(
  trigger: TriggerConfig,
  accounts: ReadonlyMap<string, AccountConfig>,
): string {
  const account = trigger.kind === "threshold" ? accounts.get(trigger.threshold.account) : undefined;
  return sha256(canonicalJson({ trigger, account }));
}
