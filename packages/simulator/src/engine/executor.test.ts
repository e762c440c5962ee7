import { afterEach, describe, expect, it } from "vitest";
import type { AccountInput, ActionInput } from "../state/input.js";
import { type AmountReply, startAmountServer, startTestSim, stopAll } from "../test-support.js";

afterEach(stopAll);

const ACCOUNTS: AccountInput[] = [
  { id: "chk", name: "Checking", type: "Account", balance: "$500" },
  { id: "sav", name: "Savings", type: "Pod", balance: "$1_000.05" },
];

/** Triggers one rule made of `actions`, waits for it to finish, returns the simulator. */
async function runRule(actions: ActionInput[], accounts = ACCOUNTS) {
  const test = await startTestSim({ accounts, rules: [{ id: "r", secret: "s", actions }] });
  const reply = await test.call("/rules/r/trigger", { headers: { "x-sequence-signature": "Bearer s" } });
  expect(reply.status).toBe(200);
  await test.sim.settled();
  return test.sim;
}

const move = (amount: ActionInput["transfer"]["amount"], extra: Partial<ActionInput["transfer"]> = {}) => ({
  transfer: { from: "sav", to: "chk", amount, ...extra },
});

describe("rule execution", () => {
  it("answers 200 before the rule runs, then moves the money", async () => {
    let release: (reply: AmountReply) => void = () => {};
    let asked: () => void = () => {};
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    const amounts = await startAmountServer(() => {
      asked();
      return new Promise((resolve) => (release = resolve));
    });
    const { call, sim } = await startTestSim({
      accounts: ACCOUNTS,
      rules: [{ id: "r", secret: "s", actions: [move({ remote: amounts.url }), move({ fixed: "$25" })] }],
    });
    const reply = await call("/rules/r/trigger", { headers: { "x-sequence-signature": "Bearer s" } });
    expect(reply.status).toBe(200);
    await wasAsked;
    expect(sim.executions()[0]?.status).toBe("in_progress");
    expect(sim.balances()).toEqual({ chk: 50_000, sav: 100_005 });
    release({ body: '{"amountInCents":1000}' });
    await sim.settled();
    await amounts.close();
    expect(sim.balances()).toEqual({ chk: 53_500, sav: 96_505 });
    expect(sim.executions()[0]).toMatchObject({ status: "executed", failure: null });
    expect(sim.transfers()).toMatchObject([
      { from: "sav", to: "chk", amountInCents: 1000, requestedInCents: 1000 },
      { from: "sav", to: "chk", amountInCents: 2500, requestedInCents: 2500 },
    ]);
  });

  it("computes percent of the source balance, rounded half away from zero", async () => {
    const sim = await runRule([move({ percent: 12.5 })]);
    // 12.5 % of 100 005 cents = 12 500.625 → 12 501
    expect(sim.transfers()[0]?.amountInCents).toBe(12_501);
  });

  it("tops the destination up to the target, and skips when it is already there", async () => {
    const sim = await runRule([move({ topUpTo: "$800" }), move({ topUpTo: "$800" })]);
    expect(sim.balances()["chk"]).toBe(80_000);
    expect(sim.events({ type: ["transfer", "action_skipped"] }).map((e) => e.type)).toEqual([
      "transfer",
      "action_skipped",
    ]);
    expect(sim.executions()[0]?.status).toBe("executed");
  });

  it("runs actions in order, each on the balances the previous left", async () => {
    const sim = await runRule([move({ fixed: "$500" }), move({ percent: 50 })]);
    // 50 % of the 50 005 cents left = 25 002.5 → 25 003
    expect(sim.transfers().map((t) => t.amountInCents)).toEqual([50_000, 25_003]);
  });

  it("fails under $1 and stops the remaining actions", async () => {
    const sim = await runRule([move({ fixed: 99 }), move({ fixed: "$5" })]);
    expect(sim.balances()).toEqual({ chk: 50_000, sav: 100_005 });
    expect(sim.events({ type: "action_failed" })).toMatchObject([
      { actionIndex: 0, code: "TRANSFER_AMOUNT_LESS_THAN_ONE_DOLLAR", amountInCents: 99 },
    ]);
    expect(sim.executions()[0]).toMatchObject({ status: "failed", failure: { actionIndex: 0 } });
  });

  it("fails INSUFFICIENT_FUNDS after earlier transfers: the execution is partial", async () => {
    const sim = await runRule([move({ fixed: "$5" }), move({ fixed: "$5_000" }), move({ fixed: "$1" })]);
    expect(sim.transfers()).toHaveLength(1);
    expect(sim.executions()[0]).toMatchObject({
      status: "partial",
      failure: { actionIndex: 1, code: "INSUFFICIENT_FUNDS" },
    });
    expect(sim.events({ type: "execution" })).toMatchObject([{ status: "partial", transfers: 1 }]);
  });

  it("with upToEnabled moves what the source holds", async () => {
    const sim = await runRule([move({ fixed: "$5_000" }, { upToEnabled: true })]);
    expect(sim.transfers()[0]).toMatchObject({ amountInCents: 100_005, requestedInCents: 500_000 });
    expect(sim.balances()["sav"]).toBe(0);
  });

  it("fails NULL_BALANCE when a percent needs a balance that cannot be read", async () => {
    const sim = await runRule(
      [move({ percent: 10 })],
      [
        { id: "chk", name: "Checking", type: "Account", balance: "$5" },
        { id: "sav", name: "Savings", type: "Pod", balance: "$5", unavailable: "Connection failed" },
      ],
    );
    expect(sim.events({ type: "action_failed" })).toMatchObject([{ code: "NULL_BALANCE" }]);
  });

  it("runs triggered rules one at a time, in order", async () => {
    const { call, sim } = await startTestSim({
      accounts: ACCOUNTS,
      rules: [{ id: "r", secret: "s", actions: [move({ percent: 50 })] }],
    });
    for (let i = 0; i < 3; i++)
      await call("/rules/r/trigger", { headers: { "x-sequence-signature": "Bearer s" } });
    await sim.settled();
    expect(sim.transfers().map((t) => t.amountInCents)).toEqual([50_003, 25_001, 12_501]);
  });
});
