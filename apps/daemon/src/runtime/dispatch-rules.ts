import type { Secret } from "@seqd/core";
import type { Config } from "@seqd/rules-engine";

/** What the dispatcher needs to trigger one Sequence rule. */
export interface DispatchRule {
  id: string;
  /** The full trigger URL Sequence generated. */
  url: string;
  secret: Secret;
  /** `minInterval`: least time between two triggers of this rule. */
  minIntervalMs: number;
}

/**
 * The config's rules with their resolved secrets (`rules.<id>.secret` in the map that
 * `resolveSecrets` returns). A rule whose secret is missing is left out, so it can never
 * be called with a wrong credential; the dispatcher records its firings as failed.
 */
export function dispatchRulesFromConfig(
  config: Pick<Config, "rules">,
  secrets: ReadonlyMap<string, Secret>,
): Map<string, DispatchRule> {
  const rules = new Map<string, DispatchRule>();
  for (const rule of config.rules.values()) {
    const secret = secrets.get(`rules.${rule.id}.secret`);
    if (secret === undefined) continue;
    rules.set(rule.id, { id: rule.id, url: rule.url, secret, minIntervalMs: rule.minIntervalMs });
  }
  return rules;
}

/** Whether a reload changed what is sent for a rule (its URL or its secret). */
export function ruleChanged(before: DispatchRule, after: DispatchRule): boolean {
  return before.url !== after.url || before.secret.reveal() !== after.secret.reveal();
}
