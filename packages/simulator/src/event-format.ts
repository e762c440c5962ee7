import { formatMoney } from "@seqd/core";
import type { SimEvent } from "./events.js";

/**
 * One human-readable line per event, for `seqd simulator`'s log.
 *
 * @example formatEvent(event) // "2026-01-01T00:00:00.000Z trigger ru_topup → 200 executed key=k1"
 */
export function formatEvent(event: SimEvent): string {
  return `${event.at} ${describeEvent(event)}`;
}

function describeEvent(event: SimEvent): string {
  switch (event.type) {
    case "trigger": {
      const details = [
        event.idempotencyKey === null ? "" : `key=${event.idempotencyKey}`,
        event.requestId === null ? "" : `request=${event.requestId}`,
        event.retryAfterSeconds === undefined ? "" : `retry-after=${event.retryAfterSeconds}s`,
        event.fault === undefined ? "" : `fault=${event.fault}`,
      ];
      return join(`trigger ${event.ruleId} → ${status(event.status)} ${event.outcome}`, details);
    }
    case "accounts":
      return join(`accounts → ${status(event.status)} ${event.outcome}`, [
        event.outcome === "ok" ? `${event.accountIds.length} accounts` : "",
        event.fault === undefined ? "" : `fault=${event.fault}`,
      ]);
    case "amount_request": {
      const answer =
        event.amountInCents === null ? `failed: ${event.error}` : formatMoney(event.amountInCents);
      const code = event.status === null ? "no answer" : String(event.status);
      return `amount ${event.ruleId}#${event.actionIndex} ${event.method} ${event.url} → ${code} ${answer}`;
    }
    case "transfer":
      return join(
        `transfer ${event.ruleId}#${event.actionIndex} ${formatMoney(event.amountInCents)} ${event.from} → ${event.to}`,
        [
          event.requestedInCents === event.amountInCents
            ? ""
            : `of ${formatMoney(event.requestedInCents)} asked`,
          `balances ${formatMoney(event.fromBalanceInCents)} / ${formatMoney(event.toBalanceInCents)}`,
        ],
      );
    case "action_failed":
      return `action failed ${event.ruleId}#${event.actionIndex} ${event.code}: ${event.message}`;
    case "action_skipped":
      return `action skipped ${event.ruleId}#${event.actionIndex} (amount is $0)`;
    case "execution":
      return `execution ${event.ruleId} ${event.status} (${event.transfers} transfer${event.transfers === 1 ? "" : "s"})`;
    case "drift":
      return `drift ${event.account} ${event.byInCents < 0 ? "" : "+"}${formatMoney(event.byInCents)} → ${formatMoney(event.balanceInCents)}`;
    case "control":
      return `control ${event.action}: ${event.detail}`;
    case "error":
      return `error in ${event.where}: ${event.message}`;
  }
}

function status(code: number | null): string {
  return code === null ? "reset" : String(code);
}

function join(head: string, details: string[]): string {
  const rest = details.filter((detail) => detail !== "");
  return rest.length === 0 ? head : `${head} ${rest.join(" ")}`;
}
