import { formatMoneyLiteral } from "@seqd/core";
import { formatPosition } from "../issues.js";
import type { Located, MergedConfig } from "../merge.js";
import { type AmountConfig, DEFAULTS } from "../model.js";
import type { RawAmount } from "../raw-types.js";
import { reservedRoute } from "../schema/path-messages.js";
import { type BuildContext, isBroken, keyPosAt, moneyAt, posAt, report, secretRefAt } from "./context.js";
import { compileFormulaAt, type FormulaScope } from "./formulas.js";

/**
 * Builds amount endpoints: unique, well-formed paths clear of seqd's own routes, the
 * token reference, the formula, and min ≤ max. An endpoint without max gets a warning:
 * nothing else bounds what a formula bug could move.
 */
export function buildAmounts(
  ctx: BuildContext,
  merged: MergedConfig,
  scope: FormulaScope,
): Map<string, AmountConfig> {
  const amounts = new Map<string, AmountConfig>();
  const byPath = new Map<string, AmountConfig>();
  for (const [id, entry] of merged.sections.amounts) {
    if (isBroken(ctx, entry)) continue;
    const amount = buildAmount(ctx, id, entry as Located<RawAmount>, scope);
    if (!amount) continue;
    const earlier = byPath.get(amount.path);
    if (earlier) {
      report(
        ctx,
        "amount-path",
        posAt(entry, "path"),
        `path in amount "${id}": "${amount.path}" is already used by amount "${earlier.id}" (${formatPosition(earlier.pos)})`,
        "each amount endpoint needs its own path",
      );
      continue;
    }
    byPath.set(amount.path, amount);
    amounts.set(id, amount);
  }
  return amounts;
}

function buildAmount(
  ctx: BuildContext,
  id: string,
  entry: Located<RawAmount>,
  scope: FormulaScope,
): AmountConfig | undefined {
  const raw = entry.value;
  const about = `amount "${id}"`;
  let ok = true;
  const segments = raw.path.split("/").slice(1);
  if (segments.some((segment) => segment === "." || segment === "..")) {
    report(
      ctx,
      "amount-path",
      posAt(entry, "path"),
      `path in ${about}: "${raw.path}" has a "." or ".." segment`,
      "write the path without dot segments",
    );
    ok = false;
  }
  const reserved = reservedRoute(raw.path);
  if (reserved) {
    report(
      ctx,
      "amount-path",
      posAt(entry, "path"),
      `path in ${about}: "${raw.path}" clashes with seqd's own ${reserved === "/admin" ? "/admin/*" : reserved} route`,
      "pick another path, e.g. /amount/" + id,
    );
    ok = false;
  }
  const min = raw.min === undefined ? DEFAULTS.amountMin : moneyAt(ctx, entry, raw.min, "min");
  const max = raw.max === undefined ? undefined : moneyAt(ctx, entry, raw.max, "max");
  if (min === undefined || (raw.max !== undefined && max === undefined)) ok = false;
  if (min !== undefined && max !== undefined && min > max) {
    report(
      ctx,
      "min-max",
      posAt(entry, raw.min === undefined ? "max" : "min"),
      `${about}: min (${formatMoneyLiteral(min)}${raw.min === undefined ? ", the default" : ""}) is greater than max (${formatMoneyLiteral(max)})`,
      "min turns small positive results into 0; max caps large ones: min must not exceed max",
    );
    ok = false;
  }
  if (raw.max === undefined) {
    report(
      ctx,
      "uncapped-amount",
      keyPosAt(entry),
      `${about} has no max: a formula mistake or a wrong balance could move any sum`,
      "add a hard cap, e.g. max: $1_000",
    );
  }
  const formula = compileFormulaAt(ctx, entry, raw.formula, "formula", {
    expect: "money",
    about: `formula in ${about}`,
    scope,
  });
  if (!ok || min === undefined || formula === undefined) return undefined;
  return {
    id,
    path: raw.path,
    token: secretRefAt(entry, raw.token, "token"),
    formula,
    min,
    ...(max === undefined ? {} : { max }),
    onStale: raw.onStale ?? "zero",
    pos: entry.pos,
  };
}
