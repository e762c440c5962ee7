import type { Clock } from "@seqd/core";
import { type Balances, manualIntent, type Runtime } from "@seqd/rules-engine";
import { type Fencing, type Store, StoreError } from "@seqd/store";
import type { Logger } from "pino";
import type { FireOutcome } from "../http/contract.js";
import type { Dispatcher, DispatchResult } from "../runtime/dispatcher.js";
import type { StoreGuard } from "../runtime/store-guard.js";

const DAY_MS = 86_400_000;

export interface FireNowInput {
  triggerId: string;
  runtime: Runtime;
  configHash: string;
  balances: Balances;
  store: Store;
  guard: StoreGuard;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  dryRun: boolean;
  /** Whether this process may fire (holds the dispatcher lease), and its term. */
  leader: boolean;
  fencing: Fencing | undefined;
}

/**
 * `seqd trigger <id>` and `POST /admin/triggers/:id/fire`: a fire requested now, through the
 * same guards (`maxPerDay`, `when`), the same durable claim and the same dispatcher as every
 * other fire. Occurrence `manual:<ISO now>`. Resolves when the firing has ended here.
 */
export async function fireNow(input: FireNowInput): Promise<FireOutcome> {
  const { triggerId, runtime, store, guard, dispatcher, clock, logger } = input;
  if (!input.leader) {
    return {
      kind: "refused",
      message: `this process does not hold the dispatcher lease: another seqd runs on this store; fire through it (POST /admin/triggers/${triggerId}/fire)`,
    };
  }
  if (!guard.healthy()) {
    return {
      kind: "refused",
      message: "the store cannot take writes; seqd does not fire without a durable claim",
    };
  }
  const now = clock.now();
  const firedLast24h = runtime.triggerById.has(triggerId)
    ? await store.countFired(triggerId, new Date(now.getTime() - DAY_MS))
    : 0;
  const decided = manualIntent({ runtime, triggerId, now, balances: input.balances, firedLast24h });
  if (decided.kind === "unknown_trigger") return { kind: "unknown_trigger", message: decided.message };
  const entry = decided.kind === "fire" ? decided.intent : decided.decision;
  const claim = {
    triggerId: entry.triggerId,
    ruleId: entry.ruleId,
    occurrence: entry.occurrence,
    idempotencyKey: entry.idempotencyKey,
    configHash: input.configHash,
    ...(input.fencing === undefined ? {} : { fencing: input.fencing }),
  };
  try {
    if (decided.kind === "skipped") {
      const { decision } = decided;
      await guard.write("record skipped manual fire", () =>
        store.claimFiring({ ...claim, status: "skipped", reason: decision.reason }),
      );
      logger.info(
        { event: "firing.skipped", triggerId, occurrence: decision.occurrence, reason: decision.reason },
        `manual fire of ${triggerId} skipped: ${decision.detail}`,
      );
      return { kind: "skipped", triggerId, reason: decision.reason, message: decision.detail };
    }
    const claimed = await guard.write("claim manual fire", () =>
      store.claimFiring({ ...claim, status: input.dryRun ? "dry-run" : "claimed" }),
    );
    if (!claimed.claimed) {
      return {
        kind: "refused",
        message: `occurrence ${claim.occurrence} is already in the ledger; try again`,
      };
    }
    logger.info(
      {
        event: "firing.claimed",
        triggerId,
        ruleId: claimed.firing.ruleId,
        occurrence: claimed.firing.occurrence,
        idempotencyKey: claimed.firing.idempotencyKey,
        configHash: claimed.firing.configHash,
        manual: true,
      },
      `manual fire: trigger ${triggerId} fires rule ${claimed.firing.ruleId}`,
    );
    const result = await dispatcher.dispatch(claimed.firing);
    return {
      kind: "fired",
      triggerId,
      occurrence: claimed.firing.occurrence,
      idempotencyKey: claimed.firing.idempotencyKey,
      status: result.status,
      requestId: "requestId" in result ? result.requestId : undefined,
      message: describeResult(triggerId, result),
    };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return { kind: "refused", message: `the store refused the claim: ${error.message}` };
  }
}

function describeResult(triggerId: string, result: DispatchResult): string {
  switch (result.status) {
    case "accepted":
      return `trigger ${triggerId}: accepted by Sequence${result.requestId ? ` (request ${result.requestId})` : ""}`;
    case "failed":
    case "ambiguous":
      return `trigger ${triggerId}: ${result.status} after ${result.attempts} attempt(s): ${result.reason}`;
    case "dry-run":
      return `trigger ${triggerId}: dry run, recorded without calling Sequence`;
    default:
      return `trigger ${triggerId}: not finished here (${result.status}); recovery resumes it`;
  }
}
