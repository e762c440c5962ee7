import { formatMoney } from "@seqd/core";
import type { SimEvent } from "@seqd/simulator";

/** Writes what happens in the demo in plain words, one line per event worth a human's look. */
export interface Narrator {
  /** A daemon log line (JSON). */
  daemonLine(line: string): void;
  /** A simulator event. */
  simEvent(event: SimEvent): void;
}

/**
 * Translates the daemon's JSON log and the simulator's events into the demo's story: a
 * schedule firing, a balance crossing a threshold, Sequence asking for an amount and seqd's
 * answer, the transfer and the new balances. Everything else stays out of the way.
 */
export function createNarrator(options: {
  write: (line: string) => void;
  accountNames: ReadonlyMap<string, string>;
  /** Also echo every daemon log line (`seqd demo --verbose`). */
  verbose: boolean;
}): Narrator {
  const { write } = options;
  const name = (id: string) => options.accountNames.get(id) ?? id;
  const say = (who: "seqd" | "sequence", text: string) =>
    write(`${who === "seqd" ? "[seqd]    " : "[sequence]"} ${text}\n`);

  function daemonEvent(event: Record<string, unknown>): void {
    const text = (key: string) => String(event[key] ?? "");
    switch (event["event"]) {
      case "daemon.started":
        say("seqd", `started: ${text("msg").replace(/^seqd running /, "running ")}`);
        return;
      case "http.listening":
        say("seqd", `amount endpoints listening on ${text("url")}`);
        return;
      case "threshold.fired": {
        const detail = event["detail"] as { cents?: number | null } | undefined;
        const cents = typeof detail?.cents === "number" ? ` at ${formatMoney(detail.cents)}` : "";
        say("seqd", `THRESHOLD: ${text("triggerId")} crossed its level${cents} → firing its rule`);
        return;
      }
      case "firing.claimed": {
        const occurrence = text("occurrence");
        const why = occurrence.startsWith("manual:")
          ? "manual fire"
          : /^\d{4}-/.test(occurrence)
            ? `SCHEDULE: ${text("triggerId")} is due (${occurrence})`
            : `threshold ${text("triggerId")}`;
        say("seqd", `${why} → asking Sequence to run rule ${text("ruleId")} (key ${text("idempotencyKey")})`);
        return;
      }
      case "firing.accepted":
        say(
          "seqd",
          `Sequence accepted rule ${text("ruleId")} for ${text("triggerId")} (request ${text("requestId")})`,
        );
        return;
      case "firing.failed":
      case "firing.ambiguous":
      case "alert":
        say("seqd", `! ${text("msg")}`);
        return;
      case "amount.answered": {
        const cents = typeof event["cents"] === "number" ? formatMoney(event["cents"]) : "no amount";
        say(
          "seqd",
          `AMOUNT: amount endpoint ${text("endpoint")} answered Sequence with ${cents} (${text("outcome")})`,
        );
        return;
      }
    }
  }

  return {
    daemonLine(line) {
      if (options.verbose) write(line.endsWith("\n") ? line : `${line}\n`);
      try {
        daemonEvent(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not JSON: a stray line; the verbose echo already showed it.
      }
    },
    simEvent(event) {
      switch (event.type) {
        case "amount_request":
          if (event.amountInCents === null) {
            say("sequence", `asked seqd for rule ${event.ruleId}'s amount: failed (${event.error})`);
          } else {
            say(
              "sequence",
              `rule ${event.ruleId} asked seqd how much to move → ${formatMoney(event.amountInCents)}`,
            );
          }
          return;
        case "transfer":
          say(
            "sequence",
            `TRANSFER: ${formatMoney(event.amountInCents)} from ${name(event.from)} to ${name(event.to)}; balances now ${name(event.from)} ${formatMoney(event.fromBalanceInCents)}, ${name(event.to)} ${formatMoney(event.toBalanceInCents)}`,
          );
          return;
        case "action_skipped":
          say("sequence", `rule ${event.ruleId}: nothing to move (the amount is $0)`);
          return;
        case "drift":
          say(
            "sequence",
            `${name(event.account)} spent money: balance now ${formatMoney(event.balanceInCents)}`,
          );
          return;
        default:
          return;
      }
    },
  };
}
