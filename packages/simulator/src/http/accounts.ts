import type { Context, Hono } from "hono";
import type { ActiveFault } from "../engine/faults.js";
import type { Runtime } from "../runtime.js";
import type { SimAccount } from "../state/types.js";
import { bearer, faultAnswer, jsonText, LEGACY_ERRORS, secretMatches } from "./respond.js";

/**
 * `POST /accounts` as the legacy API answers it: the accounts under the token's
 * beneficiary with float-dollar balances, `{amountInDollars: null, error}` when a
 * balance cannot be read.
 */
export function registerAccountsRoute(app: Hono, runtime: Runtime): void {
  app.post("/accounts", async (c) => {
    const plan = runtime.faults.evaluate({ route: "accounts", ruleId: null });
    if (plan.latencyMs > 0) await runtime.delay(plan.latencyMs);
    const answer = answerAccounts(c, runtime, plan.reshape);
    if (plan.replace) {
      const replaced = faultAnswer(c, plan.replace, answer.body);
      runtime.events.record({
        type: "accounts",
        outcome: "fault",
        status: replaced.status,
        requestId: null,
        accountIds: [],
        fault: plan.replace.kind,
        faultId: plan.replace.id,
      });
      return replaced.response;
    }
    runtime.events.record({
      type: "accounts",
      outcome: answer.status === 200 ? "ok" : "unauthorized",
      status: answer.status,
      requestId: answer.requestId,
      accountIds: answer.accountIds,
      ...(plan.reshape[0] ? { fault: plan.reshape[0].kind, faultId: plan.reshape[0].id } : {}),
    });
    return jsonText(answer.status, answer.body);
  });
}

interface AccountsAnswer {
  status: number;
  body: string;
  requestId: string | null;
  accountIds: string[];
}

function answerAccounts(c: Context, runtime: Runtime, reshape: ActiveFault[]): AccountsAnswer {
  const given = bearer(c.req.header("x-sequence-access-token"));
  const token = given === null ? undefined : runtime.state.tokens.find((t) => secretMatches(given, t.token));
  if (!token) {
    return {
      status: 401,
      body: JSON.stringify(LEGACY_ERRORS.invalidAccessToken),
      requestId: null,
      accountIds: [],
    };
  }
  const visible = runtime.ledger
    .list()
    .filter((account) => token.accounts === null || token.accounts.includes(account.id))
    .map((account) => withFaults(account, reshape));
  const requestId = runtime.newId();
  const legacy = reshape.some((fault) => fault.kind === "legacyShape");
  const body = legacy
    ? {
        message: "OK",
        requestId,
        data: {
          balances: visible.map((a) => ({ id: a.id, name: a.name, balance: dollars(a), type: a.type })),
          errors: [],
        },
      }
    : {
        message: "OK",
        requestId,
        data: {
          accounts: visible.map((a) => ({
            id: a.id,
            name: a.name,
            balance: { amountInDollars: dollars(a), error: a.unavailable },
            type: a.type,
          })),
          errors: [],
        },
      };
  return { status: 200, body: JSON.stringify(body), requestId, accountIds: visible.map((a) => a.id) };
}

function withFaults(account: SimAccount, reshape: ActiveFault[]): SimAccount {
  const nulled = reshape.find(
    (fault) =>
      fault.kind === "nullBalance" && (fault.accounts === null || fault.accounts.includes(account.id)),
  );
  return nulled ? { ...account, unavailable: nulled.error } : account;
}

/** Float dollars as Sequence sends them; cents/100 prints the exact two-decimal value. */
function dollars(account: SimAccount): number | null {
  return account.unavailable === null ? account.balance / 100 : null;
}
