export type { ContextName } from "./builtins.js";
export {
  type CompiledFormula,
  type CompileOptions,
  type CompileResult,
  compileFormula,
  type FormulaEvaluation,
  type FormulaExpect,
  type FormulaValue,
} from "./compile.js";
export { formulaContextAt } from "./context-at.js";
export { type BalanceUnavailable, createFormulaEnv, type FormulaContext, type FormulaEnv } from "./env.js";
export {
  FORMULA_ERROR_CODES,
  FORMULA_RUNTIME_CODES,
  type FormulaError,
  type FormulaErrorCode,
  type FormulaRuntimeCode,
  FormulaRuntimeError,
} from "./errors.js";
export { FORMULA_LIMITS } from "./limits.js";
