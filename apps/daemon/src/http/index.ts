export {
  type AmountHandler,
  type AmountHandlerOptions,
  createAmountHandler,
  MAX_AMOUNT_BODY_BYTES,
} from "./amount-handler.js";
export { AmountInputs } from "./amount-inputs.js";
export {
  type AmountResult,
  type AmountRoute,
  type AmountRoutes,
  type AmountRoutesOptions,
  createAmountRoutes,
} from "./amount-routes.js";
export {
  AUDIT_BATCH_ROWS,
  AUDIT_FLUSH_EVERY_MS,
  AUDIT_MAX_QUEUED,
  type AuditQueue,
  type AuditQueueOptions,
  createAuditQueue,
} from "./audit-queue.js";
export type { AdminHooks, FireOutcome, ReadyReport, ReloadOutcome } from "./contract.js";
export { createOpsApp, type OpsAppOptions } from "./ops-app.js";
export { CLOSE_GRACE_MS, type HttpServerOptions, type RunningHttpServer, startHttpServer } from "./server.js";
