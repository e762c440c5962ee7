import type { Cents } from "@seqd/core";
import type { CompiledFormula, FormulaExpect } from "../formula/index.js";
import type { DayMatch, Schedule } from "../schedule/index.js";
import type { ThresholdDirection, ThresholdPhase } from "../threshold/index.js";
import type { Position } from "./issues.js";

/**
 * Where a secret comes from. Refs are resolved after loading (by the daemon), never
 * interpolated into text; `validate` checks them only syntactically.
 */
export type SecretRef =
  | { kind: "env"; name: string; pos: Position }
  | { kind: "file"; path: string; pos: Position };

/**
 * A formula as written in the config, with what is needed to turn an offset inside
 * `source` (0-based UTF-16, end-exclusive, as the formula compiler reports) into the
 * `file:line:col` of that character in the YAML.
 */
export interface FormulaSource {
  source: string;
  /** Where the YAML scalar holding the formula starts. */
  pos: Position;
  locate(offset: number): Position;
}

/** A formula that compiled, with its source and positions: nothing compiles it again. */
export interface CompiledFormulaSource<E extends FormulaExpect = FormulaExpect> extends FormulaSource {
  /** Derived from `source`, so hashes leave it out. */
  compiled: CompiledFormula<E>;
}

export interface SequenceConfig {
  apiUrl: string;
  accessToken: SecretRef;
  pos: Position;
}

export interface ServerConfig {
  listen: { host: string; port: number };
  adminToken?: SecretRef;
}

export interface AlertsConfig {
  webhook?: { url: string; token?: SecretRef; pos: Position };
  repeatEveryMs: number;
}

export interface PollingConfig {
  everyMs: number;
  staleAfterMs: number;
}

export interface AccountConfig {
  alias: string;
  /** By stable Sequence id (preferred), or by display name resolved on the first poll. */
  match: { by: "id"; id: string } | { by: "name"; name: string };
  pos: Position;
}

export interface RuleConfig {
  id: string;
  /** The full trigger URL Sequence generated for the rule. */
  url: string;
  secret: SecretRef;
  minIntervalMs: number;
  pos: Position;
}

export type CatchUpConfig =
  | { policy: "skip" }
  | { policy: "latest"; withinMs: number }
  | { policy: "all"; withinMs: number; max: number };

export interface ScheduleConfig {
  cron: string;
  /** The schedule's own zone, else the top-level `timezone`. */
  timezone: string;
  dayMatch?: DayMatch;
  /** The compiled schedule (occurrences, DST rules); derived, so hashes leave it out. */
  compiled: Schedule;
  pos: Position;
}

export type OnStartup = "requireCrossing" | "evaluate";

export interface ThresholdSpec {
  account: string;
  direction: ThresholdDirection;
  level: Cents;
  /** `rearmAbove` for below, `rearmBelow` for above; defaults to `level`. */
  rearm: Cents;
  forMs: number;
  cooldownMs?: number;
  onStartup: OnStartup;
  pos: Position;
}

interface TriggerCommon {
  id: string;
  rule: string;
  /** Checked on fresh balances at fire time; the trigger fires only when it is true. */
  when?: CompiledFormulaSource<"bool">;
  maxPerDay?: number;
  /** sha256 of this trigger's definition: threshold state survives reloads while it is unchanged. */
  definitionHash: string;
  pos: Position;
}

export interface ScheduleTrigger extends TriggerCommon {
  kind: "schedule";
  schedule: ScheduleConfig;
  catchUp: CatchUpConfig;
}

export interface ThresholdTrigger extends TriggerCommon {
  kind: "threshold";
  threshold: ThresholdSpec;
}

export type TriggerConfig = ScheduleTrigger | ThresholdTrigger;

export type OnStale = "zero" | "reject";

export interface AmountConfig {
  id: string;
  path: string;
  token: SecretRef;
  formula: CompiledFormulaSource<"money">;
  min: Cents;
  max?: Cents;
  onStale: OnStale;
  pos: Position;
}

/** A balance set by a test step: cents, or a failed read. */
export type BalanceUpdate = Cents | "unavailable";

export interface TestExpect {
  /** Exactly the triggers that fired after the previous step, up to and including this one. */
  fired?: readonly string[];
  notFired?: readonly string[];
  /** Amount answers at this step: cents, or "rejected" (HTTP 503 under onStale: reject). */
  amounts?: ReadonlyMap<string, Cents | "rejected">;
  state?: ReadonlyMap<string, ThresholdPhase>;
  pos: Position;
}

export interface TestStep {
  at: Date;
  balances: ReadonlyMap<string, BalanceUpdate>;
  expect?: TestExpect;
  restart: boolean;
  /** The simulated daemon was down since the previous step: nothing ran in between (catch-up applies). */
  down: boolean;
  pos: Position;
}

export interface ConfigTest {
  name: string;
  start: Date;
  steps: readonly TestStep[];
  pos: Position;
}

/** A loaded, validated config: the one value the rest of seqd reads. Money in cents, durations in ms. */
export interface Config {
  version: 1;
  /** The files it was merged from, in merge order. */
  files: readonly string[];
  /** sha256 (hex) of the canonical form: independent of key order, comments and file split. */
  hash: string;
  timezone?: string;
  sequence?: SequenceConfig;
  server: ServerConfig;
  store: string;
  alerts?: AlertsConfig;
  accounts: ReadonlyMap<string, AccountConfig>;
  polling: PollingConfig;
  rules: ReadonlyMap<string, RuleConfig>;
  triggers: ReadonlyMap<string, TriggerConfig>;
  amounts: ReadonlyMap<string, AmountConfig>;
  tests: readonly ConfigTest[];
}

/** Defaults for optional settings (docs/configuration.md). */
export const DEFAULTS = {
  apiUrl: "https://api.getsequence.io",
  listen: { host: "127.0.0.1", port: 8787 },
  store: "sqlite:./seqd.db",
  repeatEveryMs: 3_600_000,
  pollingEveryMs: 300_000,
  /** staleAfter defaults to this many polling intervals. */
  staleAfterPolls: 4,
  amountMin: 100,
  catchUpMax: 10,
} as const;
