import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Outcomes of an amount request, as exposed in `seqd_amount_requests_total{outcome}`. */
export const AMOUNT_OUTCOMES = [
  "ok",
  "zero_stale",
  "rejected",
  "unauthorized",
  "not_found",
  "too_large",
] as const;
export type AmountOutcome = (typeof AMOUNT_OUTCOMES)[number];

/** The daemon's Prometheus metrics (names fixed by design.md §6), on a private registry. */
export interface Metrics {
  registry: Registry;
  firings: Counter<"trigger" | "outcome">;
  amountRequests: Counter<"endpoint" | "outcome">;
  amountDuration: Histogram<"endpoint">;
  /** Amount audit rows lost: the queue was full, or the store refused a batch. */
  amountAuditsDropped: Counter<"reason">;
  balanceAge: Gauge<"account">;
  sequenceRequests: Counter<"op" | "status">;
  missedOccurrences: Counter<"trigger" | "policy">;
  configLastReloadSuccessful: Gauge;
  configLastReloadTimestamp: Gauge;
  alertsOpen: Gauge;
  storeHealthy: Gauge;
  leader: Gauge;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    firings: new Counter({
      name: "seqd_firings_total",
      help: "Firing decisions by trigger and outcome (accepted, failed, ambiguous, missed, skipped, dry-run…).",
      labelNames: ["trigger", "outcome"],
      registers,
    }),
    amountRequests: new Counter({
      name: "seqd_amount_requests_total",
      help: "Amount endpoint requests by endpoint and outcome.",
      labelNames: ["endpoint", "outcome"],
      registers,
    }),
    amountDuration: new Histogram({
      name: "seqd_amount_request_duration_seconds",
      help: "Time to answer an amount request, from routing to the response being handed to the socket.",
      labelNames: ["endpoint"],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1],
      registers,
    }),
    amountAuditsDropped: new Counter({
      name: "seqd_amount_audits_dropped_total",
      help: "Amount audit rows not written, by reason (queue_full, store_refused, stopped).",
      labelNames: ["reason"],
      registers,
    }),
    balanceAge: new Gauge({
      name: "seqd_balance_age_seconds",
      help: "Age of the last good balance reading per account alias.",
      labelNames: ["account"],
      registers,
    }),
    sequenceRequests: new Counter({
      name: "seqd_sequence_requests_total",
      help: "Calls to Sequence by operation and HTTP status (or error kind).",
      labelNames: ["op", "status"],
      registers,
    }),
    missedOccurrences: new Counter({
      name: "seqd_missed_occurrences_total",
      help: "Schedule occurrences not fired on time, by trigger and catch-up policy.",
      labelNames: ["trigger", "policy"],
      registers,
    }),
    configLastReloadSuccessful: new Gauge({
      name: "seqd_config_last_reload_successful",
      help: "1 if the last config load or reload succeeded, 0 if it was refused.",
      registers,
    }),
    configLastReloadTimestamp: new Gauge({
      name: "seqd_config_last_reload_success_timestamp_seconds",
      help: "When the running config was last loaded successfully.",
      registers,
    }),
    alertsOpen: new Gauge({ name: "seqd_alerts_open", help: "Open alerts.", registers }),
    storeHealthy: new Gauge({
      name: "seqd_store_healthy",
      help: "1 while the store accepts writes; 0 means firing is refused (fail closed).",
      registers,
    }),
    leader: new Gauge({
      name: "seqd_leader",
      help: "1 while this instance holds the firing lease.",
      registers,
    }),
  };
}
