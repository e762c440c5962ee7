import type { Clock } from "@seqd/core";
import { sleep, type Timers } from "./timers.js";

/**
 * One FIFO lane per rule: a rule's firings run one after the other, and every request to a
 * rule waits until `minInterval` has passed since the previous one (retries included), so a
 * burst of firings does not earn Sequence's per-rule 429. Lanes never wait for each other.
 */
export interface RuleLanes {
  /** Runs `task` after everything queued before it on `ruleId`'s lane. */
  run<T>(ruleId: string, task: () => Promise<T>): Promise<T>;
  /** Waits out `minIntervalMs` since the rule's last request; rejects with the signal's reason. */
  space(ruleId: string, minIntervalMs: number): Promise<void>;
  /** Notes that a request to the rule is leaving now. */
  markRequest(ruleId: string): void;
}

/** Creates the lanes; waits use `timers` and end early when `signal` aborts. */
export function createRuleLanes(options: { clock: Clock; timers: Timers; signal: AbortSignal }): RuleLanes {
  const { clock, timers, signal } = options;
  const tails = new Map<string, Promise<unknown>>();
  const lastRequestMono = new Map<string, number>();
  return {
    run(ruleId, task) {
      const result = (tails.get(ruleId) ?? Promise.resolve()).then(task);
      tails.set(
        ruleId,
        result.then(
          () => undefined,
          () => undefined,
        ),
      );
      return result;
    },
    async space(ruleId, minIntervalMs) {
      const last = lastRequestMono.get(ruleId);
      if (last === undefined) return;
      const wait = last + minIntervalMs - clock.monotonicMs();
      if (wait > 0) await sleep(timers, wait, signal);
    },
    markRequest(ruleId) {
      lastRequestMono.set(ruleId, clock.monotonicMs());
    },
  };
}
