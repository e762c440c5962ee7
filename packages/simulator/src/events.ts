import type { Clock } from "@seqd/core";
import type { FaultKind, RemoteBody, RemoteMethod } from "./state/types.js";

/** How a trigger request ended (fixed names: acceptance tests filter on them). */
export const TRIGGER_OUTCOMES = [
  "executed",
  "deduplicated",
  "rate_limited",
  "unauthorized",
  "invalid",
  "fault",
] as const;
export type TriggerOutcome = (typeof TRIGGER_OUTCOMES)[number];

export const EXECUTION_STATUSES = ["in_progress", "executed", "partial", "failed"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

interface Stamp {
  /** Increases by one per event, across resets; `?after=` filters on it. */
  seq: number;
  /** ISO-8601 time from the simulator's clock. */
  at: string;
}

/** Which fault shaped the answer, when one did. */
interface FaultMark {
  fault?: FaultKind;
  faultId?: string;
}

export interface TriggerEvent extends FaultMark {
  type: "trigger";
  ruleId: string;
  idempotencyKey: string | null;
  /** The request id answered (the original one for a replayed duplicate); null when none was. */
  requestId: string | null;
  outcome: TriggerOutcome;
  /** HTTP status sent; null when the connection was reset. */
  status: number | null;
  path: string;
  /** The raw request body (first 2 KiB). */
  body: string;
  executionId?: string;
  retryAfterSeconds?: number;
}

export interface AccountsEvent extends FaultMark {
  type: "accounts";
  outcome: "ok" | "unauthorized" | "fault";
  status: number | null;
  requestId: string | null;
  accountIds: string[];
}

interface ActionRef {
  ruleId: string;
  executionId: string;
  actionIndex: number;
}

export interface AmountRequestEvent extends ActionRef {
  type: "amount_request";
  /** The URL called, with any `token` query value replaced by `<secret>`. */
  url: string;
  method: RemoteMethod;
  body: RemoteBody;
  signature: boolean;
  attempt: number;
  status: number | null;
  /** The answer, when it was a valid `{"amountInCents": n}`. */
  amountInCents: number | null;
  error: string | null;
  durationMs: number;
}

export interface TransferEvent extends ActionRef {
  type: "transfer";
  transferId: string;
  from: string;
  to: string;
  amountInCents: number;
  /** What the action asked for; above `amountInCents` when `upToEnabled` made it partial. */
  requestedInCents: number;
  fromBalanceInCents: number;
  toBalanceInCents: number;
}

export interface ActionFailedEvent extends ActionRef {
  type: "action_failed";
  code: string;
  message: string;
  amountInCents: number | null;
}

export interface ActionSkippedEvent extends ActionRef {
  type: "action_skipped";
  reason: "ZERO_AMOUNT";
}

export interface ExecutionEvent {
  type: "execution";
  ruleId: string;
  executionId: string;
  requestId: string;
  status: Exclude<ExecutionStatus, "in_progress">;
  transfers: number;
}

export interface DriftEvent {
  type: "drift";
  account: string;
  byInCents: number;
  steps: number;
  balanceInCents: number;
}

/** Something went wrong inside the simulator (a bug): surfaced instead of swallowed. */
export interface ErrorEvent {
  type: "error";
  where: string;
  message: string;
}

export interface ControlEvent {
  type: "control";
  action: "balances" | "faults" | "reset";
  detail: string;
}

type Payload =
  | TriggerEvent
  | AccountsEvent
  | AmountRequestEvent
  | TransferEvent
  | ActionFailedEvent
  | ActionSkippedEvent
  | ExecutionEvent
  | DriftEvent
  | ControlEvent
  | ErrorEvent;

/** Everything the simulator saw and did, in order. */
export type SimEvent = Payload & Stamp;
export type SimEventType = SimEvent["type"];
/** An event before the log stamps it. */
export type SimEventInput = Payload;

export const EVENT_TYPES: readonly SimEventType[] = [
  "trigger",
  "accounts",
  "amount_request",
  "transfer",
  "action_failed",
  "action_skipped",
  "execution",
  "drift",
  "control",
  "error",
];

/** Narrows `events()` (every field optional, all must match). */
export interface EventFilter {
  type?: SimEventType | readonly SimEventType[];
  ruleId?: string;
  outcome?: string;
  /** Events at or after this instant. */
  since?: Date | string;
  /** Events with a larger `seq`. */
  after?: number;
  /** At most this many, the newest. */
  limit?: number;
}

export interface EventLog {
  record<E extends SimEventInput>(event: E): E & Stamp;
  list(filter?: EventFilter): SimEvent[];
  clear(): void;
  /** Calls `listener` for each new event; returns an unsubscribe function. */
  subscribe(listener: (event: SimEvent) => void): () => void;
}

/** An in-memory event log keeping the newest `cap` events. */
export function createEventLog(options: { clock: Clock; cap: number }): EventLog {
  let events: SimEvent[] = [];
  let seq = 0;
  const listeners = new Set<(event: SimEvent) => void>();
  return {
    record(event) {
      const stamped = { ...event, seq: ++seq, at: options.clock.now().toISOString() };
      events.push(stamped);
      if (events.length > options.cap) events = events.slice(events.length - options.cap);
      for (const listener of listeners) listener(stamped);
      return stamped;
    },
    list(filter = {}) {
      const types = filter.type === undefined ? undefined : [filter.type].flat();
      const sinceMs = filter.since === undefined ? undefined : new Date(filter.since).getTime();
      const matching = events.filter(
        (event) =>
          (types === undefined || types.includes(event.type)) &&
          (filter.ruleId === undefined || ("ruleId" in event && event.ruleId === filter.ruleId)) &&
          (filter.outcome === undefined || ("outcome" in event && event.outcome === filter.outcome)) &&
          (sinceMs === undefined || Date.parse(event.at) >= sinceMs) &&
          (filter.after === undefined || event.seq > filter.after),
      );
      return filter.limit === undefined
        ? matching
        : matching.slice(Math.max(0, matching.length - filter.limit));
    },
    clear() {
      events = [];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
