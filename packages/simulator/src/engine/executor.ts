import type { Cents, Clock } from "@seqd/core";
import type { EventLog, ExecutionStatus } from "../events.js";
import type { SimRule, TransferAction } from "../state/types.js";
import { type AmountResult, FAILURE, localAmount, settleAmount } from "./amounts.js";
import type { Ledger } from "./ledger.js";
import { fetchRemoteAmount } from "./remote-amount.js";

/** One run of a rule, as Sequence's rule-execution records describe it. */
export interface Execution {
  id: string;
  ruleId: string;
  requestId: string;
  idempotencyKey: string | null;
  status: ExecutionStatus;
  triggeredAt: string;
  finishedAt: string | null;
  transferIds: string[];
  /** The action that stopped the run, if any. */
  failure: { actionIndex: number; code: string; message: string } | null;
}

/** Money that moved (internal transfers settle instantly). */
export interface Transfer {
  id: string;
  executionId: string;
  ruleId: string;
  actionIndex: number;
  from: string;
  to: string;
  amountInCents: Cents;
  requestedInCents: Cents;
  at: string;
}

export interface Executor {
  /** Queues a run; it starts after the current turn so the trigger's 200 goes out first. */
  enqueue(rule: SimRule, trigger: { requestId: string; idempotencyKey: string | null }): Execution;
  /** Resolves once every queued run has finished. */
  settled(): Promise<void>;
  pending(): number;
  executions(): Execution[];
  transfers(): Transfer[];
  clear(): void;
}

export interface ExecutorDeps {
  ledger: () => Ledger;
  events: EventLog;
  clock: Clock;
  newId: () => string;
  /** Aborted when the simulator closes: remote calls stop waiting. */
  signal: AbortSignal;
  /** How many executions and transfers to keep (oldest dropped first). */
  cap: number;
}

/** Runs rules one at a time, in trigger order, so results are deterministic. */
export function createExecutor(deps: ExecutorDeps): Executor {
  let executions: Execution[] = [];
  let transfers: Transfer[] = [];
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;

  const run = async (rule: SimRule, execution: Execution): Promise<void> => {
    for (const [actionIndex, action] of rule.actions.entries()) {
      const ref = { ruleId: rule.id, executionId: execution.id, actionIndex };
      const stop = await runAction(rule, action, execution, ref);
      if (stop) break;
    }
    const failed = execution.failure !== null;
    const status: Exclude<ExecutionStatus, "in_progress"> = !failed
      ? "executed"
      : execution.transferIds.length > 0
        ? "partial"
        : "failed";
    execution.status = status;
    execution.finishedAt = deps.clock.now().toISOString();
    deps.events.record({
      type: "execution",
      ruleId: rule.id,
      executionId: execution.id,
      requestId: execution.requestId,
      status,
      transfers: execution.transferIds.length,
    });
  };

  /** Runs one action; true when it failed and the rest must not run. */
  const runAction = async (
    rule: SimRule,
    action: TransferAction,
    execution: Execution,
    ref: { ruleId: string; executionId: string; actionIndex: number },
  ): Promise<boolean> => {
    const amount = await requestedAmount(rule, action, execution, ref.actionIndex);
    const ledger = deps.ledger();
    const source = ledger.get(action.from)!;
    const settlement = amount.ok
      ? settleAmount(amount.cents, source.balance, action.upToEnabled)
      : ({ kind: "fail", code: amount.code, message: amount.message } as const);
    switch (settlement.kind) {
      case "skip":
        deps.events.record({ type: "action_skipped", ...ref, reason: "ZERO_AMOUNT" });
        return false;
      case "fail":
        execution.failure = {
          actionIndex: ref.actionIndex,
          code: settlement.code,
          message: settlement.message,
        };
        deps.events.record({
          type: "action_failed",
          ...ref,
          code: settlement.code,
          message: settlement.message,
          amountInCents: amount.ok ? amount.cents : null,
        });
        return true;
      case "transfer": {
        ledger.move(action.from, action.to, settlement.cents);
        const transfer: Transfer = {
          id: deps.newId(),
          ...ref,
          from: action.from,
          to: action.to,
          amountInCents: settlement.cents,
          requestedInCents: amount.ok ? amount.cents : settlement.cents,
          at: deps.clock.now().toISOString(),
        };
        transfers.push(transfer);
        if (transfers.length > deps.cap) transfers = transfers.slice(-deps.cap);
        execution.transferIds.push(transfer.id);
        deps.events.record({
          type: "transfer",
          ...ref,
          transferId: transfer.id,
          from: transfer.from,
          to: transfer.to,
          amountInCents: transfer.amountInCents,
          requestedInCents: transfer.requestedInCents,
          fromBalanceInCents: ledger.get(action.from)!.balance,
          toBalanceInCents: ledger.get(action.to)!.balance,
        });
        return false;
      }
    }
  };

  const requestedAmount = async (
    rule: SimRule,
    action: TransferAction,
    execution: Execution,
    actionIndex: number,
  ): Promise<AmountResult> => {
    const ledger = deps.ledger();
    const source = ledger.get(action.from)!;
    const destination = ledger.get(action.to)!;
    const spec = action.amount;
    if (spec.kind !== "remote") return localAmount(action, source, destination);
    const result = await fetchRemoteAmount(
      spec,
      {
        ruleId: rule.id,
        ruleSecret: rule.secret.reveal(),
        executionId: execution.id,
        requestId: execution.requestId,
        actionIndex,
        sourceAccountId: source.id,
        destinationAccountId: destination.id,
        sourceBalanceInCents: source.unavailable === null ? source.balance : null,
        destinationBalanceInCents: destination.unavailable === null ? destination.balance : null,
        triggeredAt: execution.triggeredAt,
      },
      {
        clock: deps.clock,
        signal: deps.signal,
        onAttempt: (attempt) =>
          deps.events.record({
            type: "amount_request",
            ruleId: rule.id,
            executionId: execution.id,
            actionIndex,
            ...attempt,
          }),
      },
    );
    return result.ok ? result : { ok: false, code: FAILURE.remoteAmount, message: result.message };
  };

  return {
    enqueue(rule, trigger) {
      const execution: Execution = {
        id: deps.newId(),
        ruleId: rule.id,
        requestId: trigger.requestId,
        idempotencyKey: trigger.idempotencyKey,
        status: "in_progress",
        triggeredAt: deps.clock.now().toISOString(),
        finishedAt: null,
        transferIds: [],
        failure: null,
      };
      executions.push(execution);
      if (executions.length > deps.cap) executions = executions.slice(-deps.cap);
      pending += 1;
      tail = tail
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => run(rule, execution))
        .catch((error: unknown) => {
          execution.failure = { actionIndex: -1, code: FAILURE.internal, message: String(error) };
          execution.status = "failed";
          execution.finishedAt = deps.clock.now().toISOString();
          deps.events.record({ type: "error", where: `execution of ${rule.id}`, message: String(error) });
        })
        .finally(() => {
          pending -= 1;
        });
      return execution;
    },
    async settled() {
      while (pending > 0) await tail;
    },
    pending: () => pending,
    executions: () =>
      executions.map((execution) => ({ ...execution, transferIds: [...execution.transferIds] })),
    transfers: () => transfers.map((transfer) => ({ ...transfer })),
    clear() {
      executions = [];
      transfers = [];
    },
  };
}
