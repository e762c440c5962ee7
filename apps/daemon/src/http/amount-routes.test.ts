import { createFakeClock } from "@seqd/core";
import { evaluateAmount } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { createAmountRoutes } from "./amount-routes.js";
import { amountSecrets, compile, createReadings, START } from "./http-test-kit.js";

const MINUTE = 60_000;

describe("createAmountRoutes", () => {
  /** A balance: cents read now, cents read `ageMinutes` ago, a failed read, or none. */
  type Given = number | { cents: number; ageMinutes: number } | "failed" | "missing";
  const cases: [name: string, checking: Given, savings: Given][] = [
    ["fresh balances", 90_000, 500_000],
    ["capped by max", 10_000, 500_000],
    ["bounded by savings", 10_000, 20_050],
    ["zero", 200_000, 500_000],
    ["stale checking", { cents: 10_000, ageMinutes: 21 }, 1],
    ["exactly staleAfter old is fresh", { cents: 10_000, ageMinutes: 20 }, 900_000],
    ["unavailable savings", 10_000, "failed"],
    ["missing savings", 10_000, "missing"],
    ["negative result", 100, 100],
  ];

  function give(balances: ReturnType<typeof createReadings>, alias: string, given: Given, now: Date): void {
    if (given === "failed") balances.fail(alias);
    else if (typeof given === "number") balances.set(alias, given);
    else if (given !== "missing")
      balances.set(alias, given.cents, new Date(now.getTime() - given.ageMinutes * MINUTE));
  }

  for (const endpointId of ["top-up", "strict", "negative", "min-clamp"]) {
    for (const [name, checking, savings] of cases) {
      it(`answers ${endpointId} exactly as evaluateAmount does: ${name}`, () => {
        const clock = createFakeClock(START);
        const balances = createReadings(clock);
        const runtime = compile();
        const now = clock.now();
        give(balances, "checking", checking, now);
        give(balances, "savings", savings, now);
        const routes = createAmountRoutes({ runtime, secrets: amountSecrets(), reading: balances.reading });
        const route = [...routes.byPath.values()].find((r) => r.id === endpointId)!;
        const got = route.answer(now);
        const expected = evaluateAmount(runtime, endpointId, balances.readings, now);
        expect(JSON.parse(JSON.stringify(got))).toEqual(
          JSON.parse(JSON.stringify({ ...expected, onStale: undefined })),
        );
      });
    }
  }

  it("clamps with max first, then turns a positive result under min into 0", () => {
    const clock = createFakeClock(START); // the 2nd of the month: pct(checking, 2)
    const balances = createReadings(clock);
    const routes = createAmountRoutes({
      runtime: compile(),
      secrets: amountSecrets(),
      reading: balances.reading,
    });
    const minClamp = routes.byPath.get("/amount/min-clamp")!;
    balances.set("checking", 20_000);
    expect(minClamp.answer(clock.now())).toMatchObject({ ok: true, raw: 400, cents: 0 });
    balances.set("checking", 25_000);
    expect(minClamp.answer(clock.now())).toMatchObject({ ok: true, raw: 500, cents: 500 });
    const topUp = routes.byPath.get("/amount/top-up")!;
    balances.set("checking", 0);
    balances.set("savings", 1_000_000);
    expect(topUp.answer(clock.now())).toMatchObject({ ok: true, raw: 150_000, cents: 100_000 });
  });

  it("refuses a table whose endpoint has no resolved token", () => {
    const secrets = amountSecrets();
    secrets.delete("amounts.strict.token");
    expect(() => createAmountRoutes({ runtime: compile(), secrets, reading: () => undefined })).toThrow(
      'amount endpoint "strict" has no resolved token',
    );
  });

  it("is immutable", () => {
    const routes = createAmountRoutes({
      runtime: compile(),
      secrets: amountSecrets(),
      reading: () => undefined,
    });
    expect(Object.isFrozen(routes)).toBe(true);
    expect(Object.isFrozen(routes.byPath.get("/amount/top-up"))).toBe(true);
  });
});
