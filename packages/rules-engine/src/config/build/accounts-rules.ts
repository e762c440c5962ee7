import { formatPosition } from "../issues.js";
import type { Located, MergedConfig } from "../merge.js";
import type { AccountConfig, RuleConfig } from "../model.js";
import type { RawAccount, RawRule } from "../raw-types.js";
import { quote } from "../suggest.js";
import { checkHttpUrl } from "../values/url.js";
import { type BuildContext, durationAt, isBroken, posAt, report, secretRefAt } from "./context.js";

/** Builds account aliases; two aliases for the same Sequence account are an error. */
export function buildAccounts(ctx: BuildContext, merged: MergedConfig): Map<string, AccountConfig> {
  const accounts = new Map<string, AccountConfig>();
  const seen = new Map<string, AccountConfig>();
  for (const [alias, entry] of merged.sections.accounts) {
    if (isBroken(ctx, entry)) continue;
    const raw = entry.value as RawAccount;
    const match =
      "id" in raw ? ({ by: "id", id: raw.id } as const) : ({ by: "name", name: raw.name } as const);
    const account: AccountConfig = { alias, match, pos: entry.pos };
    const key = match.by === "id" ? `id:${match.id}` : `name:${match.name.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier) {
      report(
        ctx,
        "duplicate-id",
        posAt(entry, match.by),
        `account "${alias}" is the same Sequence account as "${earlier.alias}" (${formatPosition(earlier.pos)})`,
        "one alias per account: a copied block with an unchanged id would watch the wrong balance",
      );
    }
    seen.set(key, account);
    accounts.set(alias, account);
  }
  return accounts;
}

/** Builds rules: trigger URL (https), secret reference, minInterval. */
export function buildRules(ctx: BuildContext, merged: MergedConfig): Map<string, RuleConfig> {
  const rules = new Map<string, RuleConfig>();
  const byUrl = new Map<string, RuleConfig>();
  for (const [id, entry] of merged.sections.rules) {
    if (isBroken(ctx, entry)) continue;
    const rule = buildRule(ctx, id, entry as Located<RawRule>);
    const earlier = byUrl.get(rule.url);
    if (earlier) {
      report(
        ctx,
        "duplicate-id",
        posAt(entry, "url"),
        `rule "${id}" has the same url as rule "${earlier.id}" (${formatPosition(earlier.pos)})`,
        "one id per Sequence rule, so minInterval and per-rule spacing hold",
      );
    }
    byUrl.set(rule.url, rule);
    rules.set(id, rule);
  }
  return rules;
}

function buildRule(ctx: BuildContext, id: string, entry: Located<RawRule>): RuleConfig {
  const raw = entry.value;
  const url = checkHttpUrl(raw.url, `url in rule "${id}"`);
  if (!url.ok) report(ctx, "invalid-url", posAt(entry, "url"), url.message, url.hint);
  else if (!/\/rules\/[^/]+\/trigger\/?$/.test(new URL(raw.url).pathname)) {
    report(
      ctx,
      "rule-url-unusual",
      posAt(entry, "url"),
      `url in rule "${id}": ${quote(raw.url)} does not end in /rules/<rule id>/trigger`,
      "paste the full trigger URL Sequence generated for the rule, e.g. https://api.getsequence.io/remote-api/rules/ru_123/trigger",
    );
  }
  return {
    id,
    url: raw.url,
    secret: secretRefAt(entry, raw.secret, "secret"),
    minIntervalMs: durationAt(ctx, entry, raw.minInterval, 0, "minInterval"),
    pos: entry.pos,
  };
}
