import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { createFakeClock } from "@seqd/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { createTestIo } from "../test-io.js";
import { createPlanCommand } from "./plan.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "seqd-plan-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(cwd, path)), { recursive: true });
  await writeFile(join(cwd, path), content);
}

const DISTINCTIVE = "sk_live_walrus_plan_91Xq";
const command = createPlanCommand({ clock: createFakeClock("2026-03-06T17:00:00Z") });

/** Runs the command on a fixed clock, its arguments parsed as `seqd plan` parses them. */
async function plan(args: string[]) {
  const io = createTestIo({ cwd, env: { TOPUP_RULE_SECRET: DISTINCTIVE } });
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      count: { type: "string", default: "5" },
      balances: { type: "string" },
      format: { type: "string", default: "text" },
    },
  });
  const code = await command.run({ options: values, positionals, io });
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
  nightly-sweep:
    rule: sweep
    schedule: { cron: "30 2 * * *" }
    when: balance(checking) > $2_000
  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800, onStartup: evaluate }
    when: balance(savings) > $1_000
amounts:
  top-up:
    path: /amount/top-up
    token: { env: TOPUP_AMOUNT_TOKEN }
    formula: clamp($1_500 - balance(checking), $0, balance(savings))
    max: $1_000
  bills:
    path: /amount/bills
    token: { env: BILLS_AMOUNT_TOKEN }
    formula: $1_800 - balance(savings)
    max: $1_800
    onStale: reject
`;

describe("seqd plan", () => {
  it("is registered, with its options in --help", async () => {
    const io = createTestIo({ cwd });
    expect(await main(["plan", "--help"], io)).toBe(0);
    expect(io.out()).toContain("Usage: seqd plan [paths…] [--from ISO] [--count N] [--balances file.json]");
  });

  it("lists the next runs in local time and UTC, marks DST days and the gap shift, and judges balances", async () => {
    await write("seqd.yaml", CONFIG);
    await write("balances.json", JSON.stringify({ checking: "$450", savings: 120_000 }));
    const { code, out, err } = await plan([
      "seqd.yaml",
      "--from",
      "2026-03-06T12:00:00",
      "--count",
      "3",
      "--balances",
      "balances.json",
    ]);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "seqd.yaml (config 85dcc9faaa34) from 2026-03-06T12:00:00-05:00 (2026-03-06T17:00:00.000Z)

      Schedules: next 3 runs (local, UTC)
        nightly-sweep → rule sweep: "30 2 * * *" in America/New_York
          when balance(checking) > $2_000
          2026-03-07T02:30:00-05:00  2026-03-07T07:30:00.000Z
          2026-03-08T03:00:00-04:00  2026-03-08T07:00:00.000Z  DST: 02:30 does not exist, runs after the gap
          2026-03-09T02:30:00-04:00  2026-03-09T06:30:00.000Z

      Thresholds: a daemon starting now, balances from balances.json
        checking-low → rule top-up: checking below $500.00, re-arms at $800.00
          balance $450.00, past the level; fires now
          disarmed: fired at 12:00; re-arms when the balance is at or above $800.00

      Amounts: what each endpoint answers now
        top-up /amount/top-up: $1,000.00 (formula $1,050.00, clamped by min/max)
        bills /amount/bills: $600.00
      "
    `);
    expect(err).toContain("[dst-hazard]");
    expect(out + err).not.toContain(DISTINCTIVE);
  });

  it("answers per onStale without balances, and never resolves a secret", async () => {
    await write("configs/seqd.yaml", CONFIG);
    const { code, out } = await plan(["--from", "2026-03-06T12:00:00-05:00", "--count", "1"]);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "configs (config 85dcc9faaa34) from 2026-03-06T12:00:00-05:00 (2026-03-06T17:00:00.000Z)

      Schedules: next 1 run (local, UTC)
        nightly-sweep → rule sweep: "30 2 * * *" in America/New_York
          when balance(checking) > $2_000
          2026-03-07T02:30:00-05:00  2026-03-07T07:30:00.000Z

      Thresholds: a daemon starting now, no balances given (--balances file.json)
        checking-low → rule top-up: checking below $500.00, re-arms at $800.00
          balance: none given; does not fire now
          unknown: waiting for a usable balance reading; no balance reading yet

      Amounts: what each endpoint answers now
        top-up /amount/top-up: $0.00 (onStale: zero): balance_unavailable: balance(checking) has no successful reading
        bills /amount/bills: rejected (HTTP 503): balance_unavailable: balance(savings) has no successful reading
      "
    `);
  });

  it("prints the fixed JSON shape with --format json", async () => {
    await write("seqd.yaml", CONFIG);
    await write("balances.json", JSON.stringify({ checking: 300_000, savings: "unavailable" }));
    const { code, out } = await plan([
      "seqd.yaml",
      "--from",
      "2026-10-31T12:00:00Z",
      "--count",
      "2",
      "--balances",
      "balances.json",
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchInlineSnapshot(`
      {
        "amountDetails": {
          "bills": {
            "answer": "rejected",
            "error": {
              "code": "balance_unavailable",
              "message": "balance(savings) has no successful reading",
            },
            "path": "/amount/bills",
          },
          "top-up": {
            "answer": 0,
            "error": {
              "code": "balance_unavailable",
              "message": "balance(savings) has no successful reading",
            },
            "path": "/amount/top-up",
          },
        },
        "amounts": {
          "bills": null,
          "top-up": 0,
        },
        "count": 2,
        "from": "2026-10-31T12:00:00.000Z",
        "fromLocal": "2026-10-31T08:00:00-04:00",
        "hash": "85dcc9faaa34f178687703da353caee2673ec0abcd18d7244c7ff61fefdff3c3",
        "path": "seqd.yaml",
        "schedules": [
          {
            "cron": "30 2 * * *",
            "occurrences": [
              {
                "dstTransitionDay": true,
                "local": "2026-11-01T02:30:00-05:00",
                "utc": "2026-11-01T07:30:00.000Z",
                "wallTime": "2026-11-01T02:30:00",
              },
              {
                "dstTransitionDay": false,
                "local": "2026-11-02T02:30:00-05:00",
                "utc": "2026-11-02T07:30:00.000Z",
                "wallTime": "2026-11-02T02:30:00",
              },
            ],
            "rule": "sweep",
            "timezone": "America/New_York",
            "trigger": "nightly-sweep",
            "when": "balance(checking) > $2_000",
          },
        ],
        "thresholds": [
          {
            "account": "checking",
            "balance": 300000,
            "blocked": null,
            "direction": "below",
            "level": 50000,
            "past": false,
            "phase": "armed",
            "reading": "fresh",
            "rearm": 80000,
            "rule": "top-up",
            "state": "armed: fires when the balance goes below $500.00",
            "trigger": "checking-low",
            "wouldFire": false,
          },
        ],
        "timezone": "America/New_York",
      }
    `);
  });

  it("refuses bad options and balances files with exit 64, invalid configs with 78", async () => {
    await write("seqd.yaml", CONFIG);
    await write("typo.json", JSON.stringify({ chekcing: "$1", savings: "lots" }));
    await write("broken.yaml", CONFIG.replace('"30 2 * * *"', '"30 2 * *"'));
    const results = await Promise.all([
      plan(["seqd.yaml", "--count", "0"]),
      plan(["seqd.yaml", "--from", "2026-03-08T02:30:00"]),
      plan(["seqd.yaml", "--balances", "typo.json"]),
      plan(["seqd.yaml", "--balances", "missing.json"]),
      plan(["seqd.yaml", "--format", "yaml"]),
      plan(["broken.yaml"]),
    ]);
    expect(
      results.map(({ code, err }) => `${code} ${err.trimEnd().split("\n").at(-1)}`),
    ).toMatchInlineSnapshot(`
      [
        "64 seqd plan: --count must be a whole number from 1 to 1000, got "0"",
        "64 seqd plan: seqd.yaml: --from "2026-03-08T02:30:00" does not exist in America/New_York (clocks skip it when daylight saving time starts) (pick a time outside the gap, or add an explicit offset)",
        "64 seqd plan: typo.json: unknown account "chekcing" (did you mean "checking"?); balance of "savings": "lots" is not a money value (write dollars like "$1_500.25" or "$12", or integer cents like 1250) (for seqd.yaml)",
        "64 seqd plan: cannot read missing.json: ENOENT",
        "64 seqd plan: --format must be text or json, got "yaml"",
        "78 broken.yaml:19:24: error: schedule in trigger "nightly-sweep": invalid cron "30 2 * *": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with leading seconds, got 4 [invalid-cron]",
      ]
    `);
  });
});
