export {
  buildPlan,
  type Plan,
  type PlannedAmount,
  type PlannedOccurrence,
  type PlannedSchedule,
  type PlannedThreshold,
  type PlanOptions,
} from "./build-plan.js";
export { type PlanBalancesParse, parsePlanBalances } from "./plan-balances.js";
