import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { createTestIo } from "../test-io.js";

// The newcomer's first command, headless: within 60 s the demo's output must show a scheduled
// firing, a threshold crossing firing its rule, Sequence asking the amount endpoint and the
// answer, and the transfer with the new balances. Then Ctrl-C stops everything cleanly.

const EVENTS = {
  schedule: /\[seqd\] +SCHEDULE: sweep-paycheck is due .* → asking Sequence to run rule sweep/,
  threshold: /\[seqd\] +THRESHOLD: checking-low crossed its level at \$\d/,
  amountAsked: /\[sequence\] rule ru_topup asked seqd how much to move → \$\d/,
  amountAnswered: /\[seqd\] +AMOUNT: amount endpoint top-up answered Sequence with \$\d[\d,.]* \(ok\)/,
  transfer: /\[sequence\] TRANSFER: \$[\d,.]+ from Savings Pod to Checking; balances now/,
};

describe("seqd demo", () => {
  it("shows the whole loop within 60 seconds and stops cleanly", async () => {
    const io = createTestIo({ env: {} });
    const running = main(["demo", "--for", "90s"], io);
    const started = Date.now();
    const missing = () => Object.entries(EVENTS).filter(([, pattern]) => !pattern.test(io.out()));
    while (missing().length > 0 && Date.now() - started < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      missing().map(([name]) => name),
      io.out(),
    ).toEqual([]);
    io.stop("SIGINT");
    expect(await running).toBe(0);
    expect(io.out()).toContain("seqd demo: stopping (SIGINT)");
    // The demo's credentials are throwaway, but even they never reach the output.
    expect(io.out()).not.toContain("demo-amount-token");
  }, 90_000);
});
