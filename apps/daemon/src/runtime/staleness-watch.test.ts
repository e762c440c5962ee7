import type { AccountConfig } from "@seqd/rules-engine";
import { afterEach, describe, expect, it } from "vitest";
import { createBalanceBook } from "./balance-book.js";
import { createHarness, type Harness } from "./runtime-test-kit.js";
import { createStalenessWatch, STALENESS_CHECK_EVERY_MS, stalenessCheckPeriodMs } from "./staleness-watch.js";

const ACCOUNTS = new Map<string, AccountConfig>([
  [
    "checking",
    { alias: "checking", match: { by: "id", id: "5579244" }, pos: { file: "seqd.yaml", line: 1, col: 1 } },
  ],
]);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("the staleness watch between polls", () => {
  // Found by the reliability fault-injection suite: a poll hung for 10 s under staleAfter 6s, and
  // stale_balance came only at the next 30 s re-check, five times staleAfter late.
  it("raises stale_balance within a quarter of a short staleAfter when no poll answers", async () => {
    h = await createHarness();
    const staleAfterMs = 6_000;
    const book = createBalanceBook({
      accounts: ACCOUNTS,
      staleAfterMs,
      store: h.store,
      guard: h.guard,
      logger: h.logger,
    });
    await book.record(
      [{ alias: "checking", status: "ok", cents: 250_000, accountId: "5579244" }],
      h.clock.now(),
    );
    const watch = createStalenessWatch({
      book,
      alerter: h.alerter,
      clock: h.clock,
      timers: h.timers,
      metrics: h.metrics,
      staleAfterMs,
    });
    watch.start();
    const staleAlerts = () =>
      h?.logs().filter((line) => line["event"] === "alert" && line["kind"] === "stale_balance") ?? [];
    const startedMs = h.clock.monotonicMs();
    await h.driveUntil(() => staleAlerts().length > 0);
    expect(staleAlerts()).toHaveLength(1);
    expect(h.clock.monotonicMs() - startedMs).toBeLessThanOrEqual(staleAfterMs + staleAfterMs / 4);
    watch.stop();
  });

  it("keeps the 30 s period for long staleAfter and never re-checks faster than once a second", () => {
    expect(stalenessCheckPeriodMs(STALENESS_CHECK_EVERY_MS, 20 * 60_000)).toBe(30_000);
    expect(stalenessCheckPeriodMs(STALENESS_CHECK_EVERY_MS, 6_000)).toBe(1_500);
    expect(stalenessCheckPeriodMs(STALENESS_CHECK_EVERY_MS, 2_000)).toBe(1_000);
  });
});
