// Test support for harnesses outside this package (@seqd/reliability): the runtime test kit,
// a loopback webhook receiver, and the pieces the runtime is built from. Not for production use.
export { createLogger, type Logger } from "./observability/logger.js";
export { createMetrics, type Metrics } from "./observability/metrics.js";
export * from "./runtime/index.js";
export {
  type CountingClient,
  countingClient,
  createHarness,
  type Harness,
  type HarnessOptions,
  metricValue,
  SIM_STATE,
  testDispatcher,
  testRules,
  waitUntil,
} from "./runtime/runtime-test-kit.js";
export {
  type ReceivedRequest,
  startWebhookReceiver,
  type WebhookReceiver,
} from "./runtime/webhook-receiver.js";
