import { formatMoney } from "@seqd/core";
import type { Plan, PlannedAmount, PlannedOccurrence, PlannedThreshold } from "@seqd/rules-engine";

/** A config's plan, with the path it was read from and its hash. */
export interface ConfigPlan {
  path: string;
  hash: string;
  /** Where the balances came from, for the heading; undefined without --balances. */
  balancesFrom: string | undefined;
  plan: Plan;
}

/** The text report: schedules with their next runs (local and UTC, DST marked), thresholds, amounts. */
export function renderPlanText(plans: readonly ConfigPlan[]): string {
  const lines: string[] = [];
  for (const { path, hash, balancesFrom, plan } of plans) {
    if (lines.length > 0) lines.push("");
    lines.push(`${path} (config ${hash.slice(0, 12)}) from ${plan.fromLocal} (${plan.from})`);
    lines.push("", `Schedules: next ${plan.count} run${plan.count === 1 ? "" : "s"} (local, UTC)`);
    if (plan.schedules.length === 0) lines.push("  none");
    for (const schedule of plan.schedules) {
      lines.push(`  ${schedule.trigger} → rule ${schedule.rule}: "${schedule.cron}" in ${schedule.timezone}`);
      if (schedule.when !== null) lines.push(`    when ${schedule.when}`);
      for (const occurrence of schedule.occurrences) lines.push(`    ${occurrenceLine(occurrence)}`);
    }
    const source =
      balancesFrom === undefined
        ? "no balances given (--balances file.json)"
        : `balances from ${balancesFrom}`;
    lines.push("", `Thresholds: a daemon starting now, ${source}`);
    if (plan.thresholds.length === 0) lines.push("  none");
    for (const threshold of plan.thresholds) lines.push(...thresholdLines(threshold));
    lines.push("", "Amounts: what each endpoint answers now");
    if (plan.amounts.length === 0) lines.push("  none");
    for (const amount of plan.amounts) lines.push(`  ${amountLine(amount)}`);
  }
  return `${lines.join("\n")}\n`;
}

function occurrenceLine(occurrence: PlannedOccurrence): string {
  const marks: string[] = [];
  if (occurrence.shiftedFromGap) {
    marks.push(`DST: ${occurrence.wallTime.slice(11, 16)} does not exist, runs after the gap`);
  } else if (occurrence.repeatedWallTime) {
    marks.push(
      `DST: ${occurrence.wallTime.slice(11, 16)} happens twice, this is the ${occurrence.repeatedWallTime}`,
    );
  } else if (occurrence.dstTransitionDay) {
    marks.push("DST change that day");
  }
  return [occurrence.local, occurrence.utc, ...marks].join("  ");
}

function thresholdLines(threshold: PlannedThreshold): string[] {
  const level = `${threshold.account} ${threshold.direction} ${formatMoney(threshold.level)}`;
  const rearm = threshold.rearm === threshold.level ? "" : `, re-arms at ${formatMoney(threshold.rearm)}`;
  const balance =
    threshold.balance === null
      ? `balance: ${threshold.reading === "missing" ? "none given" : threshold.reading}`
      : `balance ${formatMoney(threshold.balance)}${threshold.reading === "fresh" ? "" : ` (${threshold.reading})`}${
          threshold.past === null ? "" : threshold.past ? ", past the level" : ", not past the level"
        }`;
  const verdict = threshold.blocked
    ? `would fire, blocked: ${threshold.blocked.reason}: ${threshold.blocked.detail}`
    : threshold.wouldFire
      ? "fires now"
      : "does not fire now";
  return [
    `  ${threshold.trigger} → rule ${threshold.rule}: ${level}${rearm}`,
    `    ${balance}; ${verdict}`,
    `    ${threshold.state}`,
  ];
}

function amountLine(amount: PlannedAmount): string {
  if ("raw" in amount) {
    const raw =
      amount.raw === amount.answer ? "" : ` (formula ${formatMoney(amount.raw)}, clamped by min/max)`;
    return `${amount.id} ${amount.path}: ${formatMoney(amount.answer)}${raw}`;
  }
  const answer =
    amount.answer === "rejected" ? "rejected (HTTP 503)" : `${formatMoney(amount.answer)} (onStale: zero)`;
  return `${amount.id} ${amount.path}: ${answer}: ${amount.error.code}: ${amount.error.message}`;
}

/**
 * The `--format json` document of one config. Stable: fields are only ever added. `amounts`
 * maps each endpoint to the cents it answers, or null when it would reject (HTTP 503);
 * `amountDetails` says why.
 */
export function planJson({ path, hash, plan }: ConfigPlan): unknown {
  return {
    path,
    hash,
    from: plan.from,
    fromLocal: plan.fromLocal,
    timezone: plan.timezone,
    count: plan.count,
    schedules: plan.schedules,
    thresholds: plan.thresholds,
    amounts: Object.fromEntries(
      plan.amounts.map((amount) => [amount.id, amount.answer === "rejected" ? null : amount.answer]),
    ),
    amountDetails: Object.fromEntries(plan.amounts.map(({ id, ...rest }) => [id, rest])),
  };
}
