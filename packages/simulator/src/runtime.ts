import type { Clock } from "@seqd/core";
import type { DriftSchedule } from "./engine/drift.js";
import type { Executor } from "./engine/executor.js";
import type { FaultRegistry } from "./engine/faults.js";
import type { IdempotencyStore } from "./engine/idempotency.js";
import type { Ledger } from "./engine/ledger.js";
import type { RateLimiter } from "./engine/rate-limit.js";
import type { EventLog } from "./events.js";
import type { SimState } from "./state/types.js";

/**
 * Everything the routes share. The state-derived parts are replaced on reset, so
 * handlers read them from here at request time instead of capturing them.
 */
export interface Runtime {
  clock: Clock;
  state: SimState;
  ledger: Ledger;
  events: EventLog;
  executor: Executor;
  idempotency: IdempotencyStore;
  limiter: RateLimiter;
  faults: FaultRegistry;
  drift: DriftSchedule;
  newId(): string;
  /** Waits out a latency fault; resolves early when the simulator closes. */
  delay(ms: number): Promise<void>;
}
