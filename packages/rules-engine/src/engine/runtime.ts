import type { Cents } from "@seqd/core";
import {
  type CompiledFormulaSource,
  type Config,
  type OnStale,
  type TriggerConfig,
  thresholdDefinition,
} from "../config/index.js";
import {
  createFormulaEnv,
  type FormulaEnv,
  type FormulaExpect,
  type FormulaValue,
} from "../formula/index.js";
import type { CatchUpPolicy, Schedule } from "../schedule/index.js";
import type { ThresholdDefinition } from "../threshold/index.js";
import { createHotTables, type HotTables } from "./hot-tables.js";

/**
 * A formula bound to the runtime's environment: `run` reads the environment's current slots,
 * allocates nothing on success and throws `FormulaRuntimeError` rather than return a wrong value.
 */
export interface BoundFormula<E extends FormulaExpect> {
  readonly source: string;
  /** sha256 of the canonical formula, for audits. */
  readonly hash: string;
  /** The account aliases it reads: load exactly these into the environment before `run`. */
  readonly aliases: readonly string[];
  /** It reads day_of_week …: set the context (in `Runtime.timezone`) before `run`. */
  readonly readsContext: boolean;
  readonly run: () => FormulaValue<E>;
}

interface RuntimeTriggerCommon {
  /** Position in `Runtime.triggers` (and in `Runtime.tables`). */
  readonly index: number;
  readonly id: string;
  readonly ruleId: string;
  readonly definitionHash: string;
  readonly maxPerDay: number | undefined;
  readonly when: BoundFormula<"bool"> | undefined;
}

export interface ScheduleRuntimeTrigger extends RuntimeTriggerCommon {
  readonly kind: "schedule";
  readonly schedule: Schedule;
  readonly catchUp: CatchUpPolicy;
}

export interface ThresholdRuntimeTrigger extends RuntimeTriggerCommon {
  readonly kind: "threshold";
  readonly account: string;
  readonly definition: ThresholdDefinition;
}

export type RuntimeTrigger = ScheduleRuntimeTrigger | ThresholdRuntimeTrigger;

/** An amount endpoint ready for the hot path: bound formula and clamp bounds. */
export interface AmountEndpoint {
  readonly id: string;
  readonly path: string;
  readonly min: Cents;
  readonly max: Cents | undefined;
  readonly onStale: OnStale;
  readonly formula: BoundFormula<"money">;
}

/**
 * Everything evaluation needs, compiled once per config: schedules, threshold definitions,
 * `when` conditions and amount formulas bound to one shared environment. Evaluation does no
 * parsing. The environment is scratch space: every evaluation loads the balances it reads
 * into it first, so no result depends on what an earlier call left there.
 */
export interface Runtime {
  readonly config: Config;
  /** The zone calendar values (day_of_week …) are read in: the config's top-level timezone. */
  readonly timezone: string | undefined;
  readonly staleAfterMs: number;
  readonly env: FormulaEnv;
  /** In config order. */
  readonly triggers: readonly RuntimeTrigger[];
  readonly triggerById: ReadonlyMap<string, RuntimeTrigger>;
  /** Position of each trigger in `triggers`. */
  readonly triggerIndex: ReadonlyMap<string, number>;
  readonly amounts: ReadonlyMap<string, AmountEndpoint>;
  /** Per-trigger numbers and caches for the evaluation loop. */
  readonly tables: HotTables;
}

/**
 * Builds the runtime of a loaded config. Cheap (binding is microseconds per formula): the
 * daemon builds one per config load or reload, `seqd test` one per test.
 *
 * @example
 * const runtime = compileRuntime(loaded.config);
 * const result = evaluate({ runtime, states, balances, now, firedLast24h });
 */
export function compileRuntime(config: Config): Runtime {
  const env = createFormulaEnv({ accounts: [...config.accounts.keys()] });
  const bind = <E extends FormulaExpect>(formula: CompiledFormulaSource<E>): BoundFormula<E> => ({
    source: formula.source,
    hash: formula.compiled.hash,
    aliases: formula.compiled.aliases,
    readsContext: formula.compiled.context.length > 0,
    run: formula.compiled.bind(env),
  });
  const triggers = [...config.triggers.values()].map((trigger, index) =>
    runtimeTrigger(
      trigger,
      index,
      config.polling.staleAfterMs,
      trigger.when ? bind(trigger.when) : undefined,
    ),
  );
  const amounts = new Map<string, AmountEndpoint>();
  for (const amount of config.amounts.values()) {
    amounts.set(amount.id, {
      id: amount.id,
      path: amount.path,
      min: amount.min,
      max: amount.max,
      onStale: amount.onStale,
      formula: bind(amount.formula),
    });
  }
  return {
    config,
    timezone: config.timezone,
    staleAfterMs: config.polling.staleAfterMs,
    env,
    triggers,
    triggerById: new Map(triggers.map((trigger) => [trigger.id, trigger])),
    triggerIndex: new Map(triggers.map((trigger, index) => [trigger.id, index])),
    amounts,
    tables: createHotTables(
      triggers.map((trigger) => ({
        id: trigger.id,
        definitionHash: trigger.definitionHash,
        ...(trigger.kind === "threshold"
          ? { threshold: { account: trigger.account, definition: trigger.definition } }
          : {}),
      })),
    ),
  };
}

function runtimeTrigger(
  trigger: TriggerConfig,
  index: number,
  staleAfterMs: number,
  when: BoundFormula<"bool"> | undefined,
): RuntimeTrigger {
  const common = {
    index,
    id: trigger.id,
    ruleId: trigger.rule,
    definitionHash: trigger.definitionHash,
    maxPerDay: trigger.maxPerDay,
    when,
  };
  if (trigger.kind === "threshold") {
    return {
      ...common,
      kind: "threshold",
      account: trigger.threshold.account,
      // Frozen: the reducer checks a definition once and trusts it from then on.
      definition: Object.freeze(thresholdDefinition(trigger.threshold, staleAfterMs)),
    };
  }
  return {
    ...common,
    kind: "schedule",
    schedule: trigger.schedule.compiled,
    catchUp: trigger.catchUp,
  };
}
