import { formatMoney } from "@seqd/core";
import { assertNever } from "./assert-never.js";
import { formatDuration } from "./duration.js";
import { cooldownEndMs } from "./predicates.js";
import type { ThresholdDefinition, ThresholdIgnoreReason, ThresholdState } from "./types.js";

export interface DescribeThresholdOptions {
  readonly definition: ThresholdDefinition;
  readonly now: Date;
  /** IANA zone for printed times (the config's `timezone`); there is no host-zone fallback. */
  readonly timeZone: string;
}

const IGNORING_TEXT: Record<ThresholdIgnoreReason, string> = {
  no_reading: "no balance reading yet",
  stale: "latest reading is stale",
  unavailable: "latest balance read failed",
  out_of_order: "a late, older reading was ignored",
  invalid_reading: "latest reading was invalid",
};

/**
 * One line for `seqd plan` and logs. Times print in `timeZone`, as `HH:MM`
 * when on the same local day as `now`, else `YYYY-MM-DD HH:MM`.
 *
 * @example describeThresholdState(state, { definition, now, timeZone: "America/New_York" })
 * // "pending since 08:05 (10m of 15m)"
 */
export function describeThresholdState(state: ThresholdState, options: DescribeThresholdOptions): string {
  const { definition, now } = options;
  const time = (iso: string): string => formatLocal(new Date(iso), now, options.timeZone);
  const notes: string[] = [];
  let head: string;
  switch (state.phase) {
    case "unknown":
      head = "unknown: waiting for a usable balance reading";
      break;
    case "armed":
      head = `armed: fires when the balance ${definition.forMs > 0 ? "stays" : "goes"} ${pastText(definition)}`;
      if (definition.forMs > 0) head += ` for ${formatDuration(definition.forMs)}`;
      break;
    case "pending": {
      const held = now.getTime() - Date.parse(state.since);
      head = `pending since ${time(state.since)} (${formatDuration(Math.max(held, 0))} of ${formatDuration(definition.forMs)})`;
      if (held >= definition.forMs && !state.suppressed && state.ignoring === null) {
        notes.push("fires at the next evaluation");
      }
      break;
    }
    case "disarmed": {
      const why =
        state.cause === "fired"
          ? `fired${state.lastFiredAt === null ? "" : ` at ${time(state.lastFiredAt)}`}`
          : `the balance was already ${pastText(definition)} when watching started`;
      head = `disarmed: ${why}; re-arms when the balance is ${rearmText(definition)}`;
      break;
    }
    default:
      return assertNever(state);
  }
  const cooldownEnd = cooldownEndMs(definition, state);
  if (cooldownEnd !== null && now.getTime() < cooldownEnd) {
    notes.push(`cooldown until ${formatLocal(new Date(cooldownEnd), now, options.timeZone)}`);
  }
  if (state.ignoring !== null) notes.push(IGNORING_TEXT[state.ignoring]);
  return [head, ...notes].join("; ");
}

function pastText(definition: ThresholdDefinition): string {
  return `${definition.direction} ${formatMoney(definition.level)}`;
}

function rearmText(definition: ThresholdDefinition): string {
  const side = definition.direction === "below" ? "at or above" : "at or below";
  return `${side} ${formatMoney(definition.rearm)}`;
}

function formatLocal(instant: Date, now: Date, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const parts = (date: Date) => {
    const byType = new Map(format.formatToParts(date).map((part) => [part.type, part.value]));
    return {
      day: `${byType.get("year")}-${byType.get("month")}-${byType.get("day")}`,
      clock: `${byType.get("hour")}:${byType.get("minute")}`,
    };
  };
  const local = parts(instant);
  return local.day === parts(now).day ? local.clock : `${local.day} ${local.clock}`;
}
