import { createFakeClock } from "@seqd/core";
import { evaluateAmount } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { createAmountRoutes } from "./amount-routes.js";
import { amountSecrets, compile, createReadings, START } from "./http-test-kit.js";

const MINUTE = 60_000;

describe("createAmountRoutes", () => {
  const cases: { name: string; setup: (b: ReturnType<typeof createReadings>, now: Date) => void }[] = [
    { name: "fresh balances", setup: (b) => (b.set("checking", 90_000), b.set("savings", 500_000)) },
    { name: "capped by max", setup: (b) => (b.set("checking", 10_000), b.set("savings", 500_000)) },
    { name: "bounded by savings", setup: (b) => (b.set("checking", 10_000), b.set("savings", 20_050)) },
    { name: "zero", setup: (b) => (b.set("checking", 200_000), b.set("savings", 500_000)) },
    {
      name: "stale checking",
      setup: (b, now) => (
        b.set("checking", 10_000, new Date(now.getTime() - 21 * MINUTE)), b.set("savings", 1)
      ),
    },
    {
      name: "exactly staleAfter old is fresh",
      setup: (b, now) => (
        b.set("checking", 10_000, new Date(now.getTime() - 20 * MINUTE)), b.set("savings", 900_000)
      ),
    },
    { name: "unavailable savings", setup: (b) => (b.set("checking", 10_000), b.fail("savings")) },
    { name: "missing savings", setup: (b) => b.set("checking", 10_000) },
    { name: "negative result", setup: (b) => (b.set("checking", 100), b.set("savings", 100)) },
  ];

  for (const endpointId of ["top-up", "strict", "negative", "min-clamp"]) {
    for (const { name, setup } of cases) {
      it(`answers ${endpointId} exactly as evaluateAmount does: ${name}`, () => {
        const clock = createFakeClock(START);
        const balances = createReadings(clock);
        const runtime = compile();
        const now = clock.now();
        setup(balances, now);
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
