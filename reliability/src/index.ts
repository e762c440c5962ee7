export { createEngineLoop, type EngineLoop, type LedgerTally } from "./clock-suite/engine-loop.js";
export { type CaseOutcome, isPositioned, judgeCase } from "./config-fuzz/judge-case.js";
export { MUTATIONS, type Mutation, mutate } from "./config-fuzz/mutations.js";
export {
  type ConfigFuzzOptions,
  type ConfigFuzzReport,
  type FuzzFinding,
  runConfigFuzz,
} from "./config-fuzz/run-config-fuzz.js";
export {
  countCrossings,
  type Levels,
  nextBalance,
  type ScriptedBalance,
} from "./crash-loop/balance-script.js";
export {
  type CrashLoopSecrets,
  crashLoopConfig,
  crashLoopSimState,
  RESERVE_ACCOUNT,
  SECRET_ENV,
  secretEnv,
  THRESHOLD,
  TRIGGERS,
} from "./crash-loop/crash-loop-setup.js";
export { type ProbeAnswer, probeDaemon } from "./crash-loop/daemon-probes.js";
export { type DaemonProcess, type LogEvent, spawnSeqd } from "./crash-loop/daemon-process.js";
export {
  auditLedger,
  type LedgerAudit,
  type LostOccurrence,
  type ScheduleSpan,
} from "./crash-loop/ledger-audit.js";
export {
  type CliRecord,
  type CrashLoopOptions,
  type CrashLoopRun,
  type ProcessRecord,
  runCrashLoop,
  type SimTriggerEvent,
} from "./crash-loop/run-crash-loop.js";
export { generateFormula } from "./formula-fuzz/generate-formula.js";
export { type FormulaOutcome, formulaConfig, judgeFormula } from "./formula-fuzz/judge-formula.js";
export {
  type DistinctiveSecret,
  distinctiveSecret,
  fileLeakSources,
  type LeakForm,
  type LeakHit,
  type LeakSource,
  scanForSecrets,
  secretNeedles,
  sqliteFiles,
} from "./leak-scan.js";
export { byMode, MODE_ENV, type ReliabilityMode, reliabilityMode } from "./mode.js";
export { bindMount, type Mount, type MountSupport, mountTmpfs, probeMounts } from "./mounts.js";
export { createRandom, type Random } from "./random.js";
export {
  createTally,
  readTallies,
  renderReportTable,
  type SuiteTally,
  TALLY_DIR,
  type TallyCounter,
  writeTally,
} from "./report-table.js";
export { diskFull, lockedByAnother, readOnlyMount, type StoreFault } from "./store-faults/store-faults.js";
export { createTempDir, type TempDir } from "./temp-dir.js";
export {
  createWatchedPool,
  type PoolAnswer,
  type WatchedPool,
  type WatchedPoolOptions,
} from "./watched-pool.js";
export { type ConfigSeed, exampleConfigs, SEQD_BIN, WORKSPACE_ROOT } from "./workspace.js";
