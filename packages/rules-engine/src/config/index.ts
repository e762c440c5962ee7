export { thresholdDefinition } from "./build/threshold.js";
export { canonicalJson, configHash, triggerDefinitionHash } from "./hash.js";
export {
  type ConfigIssue,
  createIssue,
  formatPosition,
  ISSUE_CODES,
  type IssueCode,
  type Position,
  type Severity,
  sortIssues,
} from "./issues.js";
export { LIMITS } from "./limits.js";
export { type LoadConfigOptions, type LoadConfigResult, loadConfig } from "./load-config.js";
export type {
  AccountConfig,
  AlertsConfig,
  AmountConfig,
  BalanceUpdate,
  CatchUpConfig,
  CompiledFormulaSource,
  Config,
  ConfigTest,
  FormulaSource,
  OnStale,
  OnStartup,
  PollingConfig,
  RuleConfig,
  ScheduleConfig,
  ScheduleTrigger,
  SecretRef,
  SequenceConfig,
  ServerConfig,
  TestExpect,
  TestStep,
  ThresholdSpec,
  ThresholdTrigger,
  TriggerConfig,
} from "./model.js";
export { DEFAULTS } from "./model.js";
export type { ConfigSource } from "./parse-yaml.js";
export { buildConfigSchema } from "./schema/config-schema.js";
export { listSecretRefs, type SecretField } from "./secret-fields.js";
export { formatDuration, parseDuration } from "./values/duration.js";
export { parseLocalTime } from "./values/local-time.js";
export { checkTimezone } from "./values/timezone.js";
