import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createFakeClock } from "@seqd/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestIo } from "../test-io.js";
import { createTestCommand } from "./test.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "seqd-test-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(cwd, path)), { recursive: true });
  await writeFile(join(cwd, path), content);
}

const command = createTestCommand({ clock: createFakeClock("2026-03-01T12:00:00Z") });

async function test(paths: string[], env: Record<string, string> = {}) {
  const io = createTestIo({ cwd, env });
  const code = await command.run({ options: {}, positionals: paths, io });
  return { code, out: io.out(), err: io.err() };
}

const CONFIG = `version: 1
timezone: America/New_York
sequence:
  accessToken: { env: SEQUENCE_ACCESS_TOKEN }
accounts:
  checking: { id: "5579244" }
  savings: { id: "5579245" }
polling: { every: 5m, staleAfter: 20m }
rules:
  top-up:
    url: https://api.getsequence.io/remote-api/rules/ru_1/trigger
    secret: { env: TOPUP_RULE_SECRET }
  sweep:
    url: https://api.getsequence.io/remote-api/rules/ru_2/trigger
    secret: { env: SWEEP_RULE_SECRET }
triggers:
  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800, for: 15m }
  payday:
    rule: sweep
    schedule: { cron: "0 9 1,15 * *" }
    when: balance(checking) > $2_000
    catchUp: { policy: latest, within: 6h }
amounts:
  top-up:
    path: /amount/top-up
    token: { env: TOPUP_AMOUNT_TOKEN }
    formula: clamp($1_500 - balance(checking), $0, balance(savings))
    max: $1_000
    onStale: reject
tests:
`;

const PASSING = `  - name: tops up once when checking stays low
    start: 2026-03-07T08:00:00
    steps:
      - at: +0m
        balances: { checking: $900, savings: $5_000 }
        expect: { fired: [], state: { checking-low: armed } }
      - at: +5m
        balances: { checking: $450 }
        expect: { fired: [], state: { checking-low: pending } }
      - at: +20m
        expect: { fired: [checking-low], amounts: { top-up: $1_000 } }
  - name: catches up payday after an outage
    start: 2026-03-15T08:00:00
    steps:
      - at: +0m
        balances: { checking: $3_000, savings: $5_000 }
      - at: +3h
        down: true
        balances: { checking: $3_000, savings: $5_000 }
        expect: { fired: [payday] }
`;

const FAILING = `  - name: expects the wrong things
    start: 2026-03-01T08:50:00
    steps:
      - at: +0m
        balances: { checking: $1_500, savings: $5_000 }
      - at: +15m
        expect: { fired: [payday, checking-low], amounts: { top-up: $1_000 } }
      - at: +40m
        expect: { notFired: [payday], state: { checking-low: pending } }
`;

describe("seqd test", () => {
  it("prints one line per test and exits 0 when all pass", async () => {
    await write("configs/seqd.yaml", CONFIG + PASSING);
    const { code, out, err } = await test([]);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toMatchInlineSnapshot(`
      "configs
        ✓ tops up once when checking stays low
        ✓ catches up payday after an outage
      2 passed, 0 failed
      "
    `);
  });

  it("shows each failure with its step, file:line, expected vs actual and the reason; exits 1", async () => {
    await write("seqd.yaml", CONFIG + PASSING + FAILING);
    const { code, out } = await test(["seqd.yaml"]);
    expect(code).toBe(1);
    expect(out).toMatchInlineSnapshot(`
      "seqd.yaml
        ✓ tops up once when checking stays low
        ✓ catches up payday after an outage
        ✗ expects the wrong things
            step 2 at 2026-03-01T09:05:00-05:00 (seqd.yaml:58)
              fired: expected [payday, checking-low], got []
                payday not fired: skipped, condition_false: when is false: balance(checking) > $2_000
                checking-low: armed: fires when the balance stays below $500.00 for 15m
            step 2 at 2026-03-01T09:05:00-05:00 (seqd.yaml:58)
              amounts: expected top-up: $1,000.00, got top-up: $0.00
                checking: $1,500.00, read 15m ago
                savings: $5,000.00, read 15m ago
            step 3 at 2026-03-01T09:30:00-05:00 (seqd.yaml:60)
              state: expected checking-low: pending, got checking-low: armed
                checking-low: armed: fires when the balance stays below $500.00 for 15m; latest reading is stale
      2 passed, 1 failed
      "
    `);
  });

  it("never resolves secrets: env refs without values still run", async () => {
    await write("seqd.yaml", CONFIG + PASSING);
    const { code } = await test(["seqd.yaml"], {});
    expect(code).toBe(0);
  });

  it("sends warnings to stderr, keeping the last stdout line the count", async () => {
    await write(
      "seqd.yaml",
      `${CONFIG.replace("every: 5m", "every: 30s").replace("staleAfter: 20m", "staleAfter: 20m")}${PASSING}`,
    );
    const { code, out, err } = await test(["seqd.yaml"]);
    expect(code).toBe(0);
    expect(err).toMatchInlineSnapshot(`
      "seqd.yaml:8:19: warning: polling.every is 30s, under a minute [short-interval]
        hint: frequent polling spends Sequence's rate limit; 1m or more is usual outside tests and demos
      "
    `);
    expect(out.trimEnd().split("\n").at(-1)).toBe("2 passed, 0 failed");
  });

  it("exits 78 on an invalid config, with its problems on stderr, and still runs the others", async () => {
    await write("good.yaml", CONFIG + PASSING);
    await write("bad.yaml", CONFIG.replace("below: $500", "below: $5OO") + PASSING);
    const { code, out, err } = await test(["bad.yaml", "good.yaml"]);
    expect(code).toBe(78);
    expect(err).toContain(
      'bad.yaml:19:44: error: threshold.below in trigger "checking-low": "$5OO" is not a money value [invalid-money]',
    );
    expect(out).toMatchInlineSnapshot(`
      "bad.yaml
        invalid config (1 error, see stderr): tests not run
      good.yaml
        ✓ tops up once when checking stays low
        ✓ catches up payday after an outage
      2 passed, 0 failed
      "
    `);
  });
});
