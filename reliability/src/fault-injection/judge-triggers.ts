import type { SimEvent } from "@seqd/simulator";

/** How Sequence saw one idempotency key: requests sent, and how many ran the rule. */
export interface KeyTally {
  attempts: number;
  executed: number;
}

/** Trigger requests per idempotency key, from the simulator's events. */
export function tallyKeys(events: readonly SimEvent[]): Map<string, KeyTally> {
  const keys = new Map<string, KeyTally>();
  for (const event of events) {
    if (event.type !== "trigger" || event.idempotencyKey === null) continue;
    const tally = keys.get(event.idempotencyKey) ?? { attempts: 0, executed: 0 };
    tally.attempts += 1;
    if (event.outcome === "executed") tally.executed += 1;
    keys.set(event.idempotencyKey, tally);
  }
  return keys;
}

/** Keys run more than once, and keys sent more often than `maxAttempts`. */
export function judgeKeys(
  keys: ReadonlyMap<string, KeyTally>,
  maxAttempts: number,
): { duplicated: string[]; overRetried: string[] } {
  const duplicated: string[] = [];
  const overRetried: string[] = [];
  for (const [key, tally] of keys) {
    if (tally.executed > 1) duplicated.push(key);
    if (tally.attempts > maxAttempts) overRetried.push(key);
  }
  return { duplicated, overRetried };
}

/** Log lines of `event` (and `triggerId`, when given) stamped within [from, to]. */
export function linesWithin(
  logs: readonly Record<string, unknown>[],
  filter: { event: string; triggerId?: string },
  from: string,
  to: string,
): Record<string, unknown>[] {
  return logs.filter(
    (line) =>
      line["event"] === filter.event &&
      (filter.triggerId === undefined || line["triggerId"] === filter.triggerId) &&
      typeof line["time"] === "string" &&
      line["time"] >= from &&
      line["time"] <= to,
  );
}
