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
  readonly id: string;
  readonly ruleId: string;
  readonly definitionHash: string;
  readonly maxPerDay: number | undefined;
  readonly when: BoundFormula<"bool"> | undefined;
}

/** Remembers the first occurrence after an instant, so a tick with nothing due costs one comparison. */
export interface NextOccurrenceMemo {
  afterMs: number;
  /** The first occurrence strictly after `afterMs`; Infinity when the pattern has no more. */
  nextMs: number;
}

export interface ScheduleRuntimeTrigger extends RuntimeTriggerCommon {
  readonly kind: "schedule";
  readonly schedule: Schedule;
  readonly catchUp: CatchUpPolicy;
  /** A pure cache: results are the same with or without it. */
  readonly memo: NextOccurrenceMemo;
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
  readonly amounts: ReadonlyMap<string, AmountEndpoint>;
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
  const triggers = [...config.triggers.values()].map((trigger) =>
    runtimeTrigger(trigger, config.polling.staleAfterMs, trigger.when ? bind(trigger.when) : undefined),
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
    amounts,
  };
}

function runtimeTrigger(
  trigger: TriggerConfig,
  staleAfterMs: number,
  when: BoundFormula<"bool"> | undefined,
): RuntimeTrigger {
  const common = {
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
      definition: thresholdDefinition(trigger.threshold, staleAfterMs),
    };
  }
  return {
    ...common,
    kind: "schedule",
    schedule: trigger.schedule.compiled,
    catchUp: trigger.catchUp,
    memo: { afterMs: Number.NaN, nextMs: Number.NaN },
  };
}
