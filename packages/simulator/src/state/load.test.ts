import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoStatePath } from "../demo.js";
import { formatStateIssue, StateError } from "../errors.js";
import { parseState, readStateFile, toState } from "./load.js";

/** Parses YAML and returns the issues as `line:col code message (hint)` lines. */
function problems(yaml: string): string[] {
  const result = parseState(yaml, { file: "sim.yaml" });
  if (result.ok) throw new Error("expected the state to be invalid");
  return result.issues.map(formatStateIssue);
}

describe("parseState", () => {
  it("normalizes the documented example: cents, milliseconds, defaults", () => {
    const result = parseState(
      `
accounts:
  - { id: "5579244", name: Checking, type: Account, balance: $2_500.00 }
  - { id: "5579245", name: Savings Pod, type: Pod, balance: $10_000, unavailable: Connection failed }
tokens:
  - { token: demo-access-token }
  - { token: scoped, accounts: ["5579245"] }
rules:
  - id: ru_topup
    secret: demo-rule-secret
    actions:
      - transfer: { from: "5579245", to: "5579244", amount: { remote: "http://127.0.0.1:8787/amount/top-up?token=t" } }
      - transfer: { from: "5579244", to: "5579245", amount: { fixed: $25 }, upToEnabled: true }
      - transfer: { from: "5579244", to: "5579245", amount: { percent: 12.5 } }
      - transfer: { from: "5579245", to: "5579244", amount: { topUpTo: $1_000 } }
rateLimit: { perRule: { max: 3, window: 60s, retryAfter: true } }
idempotency: { retention: 24h }
remoteAmount: { body: context, signature: true, timeout: 2s }
faults:
  - { kind: status, status: 502, body: text, times: 2 }
seed: 7
drift:
  - { account: "5579244", every: 10s, by: -$150, min: $0 }
`,
    );
    if (!result.ok) throw new Error(result.issues.map(formatStateIssue).join("\n"));
    const { state } = result;
    expect(state.accounts.map((a) => [a.id, a.balance, a.unavailable])).toEqual([
      ["5579244", 250_000, null],
      ["5579245", 1_000_000, "Connection failed"],
    ]);
    expect(state.tokens[1]?.accounts).toEqual(["5579245"]);
    expect(String(state.tokens[0]?.token)).toBe("<secret>");
    const rule = state.rules[0]!;
    expect(rule.rateLimit).toEqual({ max: 3, windowMs: 60_000, retryAfter: "computed" });
    expect(rule.actions.map((a) => a.amount)).toEqual([
      {
        kind: "remote",
        url: "http://127.0.0.1:8787/amount/top-up?token=t",
        method: "POST",
        body: "context",
        signature: true,
        timeoutMs: 2000,
        retries: 0,
      },
      { kind: "fixed", cents: 2500 },
      { kind: "percent", basisPoints: 1250 },
      { kind: "topUpTo", cents: 100_000 },
    ]);
    expect(rule.actions[1]?.upToEnabled).toBe(true);
    expect(state.idempotency).toEqual({
      retentionMs: 86_400_000,
      duplicate: "replay",
      scope: "rule",
      keyFormat: "any",
    });
    expect(state.faults[0]).toMatchObject({
      route: "any",
      kind: "status",
      status: 502,
      body: "text",
      times: 2,
    });
    expect(state.seed).toBe(7);
    expect(state.drift).toEqual([{ account: "5579244", everyMs: 10_000, by: -15_000, min: 0, max: null }]);
  });

  it("accepts an empty file as an empty state", () => {
    expect(parseState("")).toMatchObject({ ok: true, state: { accounts: [], rules: [], seed: 1 } });
  });

  it("positions unknown keys on the key, with a suggestion", () => {
    expect(problems(`accounts: []\nrulez: []\n`)).toMatchInlineSnapshot(`
      [
        "sim.yaml:2:1: unknown key "rulez" in state (did you mean "rules"?)",
      ]
    `);
  });

  it("reports every problem at once, each at its value", () => {
    expect(
      problems(`
accounts:
  - { id: 5579244, name: Checking, type: Acount, balance: 2500.00 }
  - { id: "a2", name: Pod, type: Pod, balance: "$1,000" }
rules:
  - id: r1
    secret: s
    actions:
      - transfer: { from: a2, to: a3, amount: { fixed: $5, percent: 5 } }
      - transfer: { from: a2, to: a2, amount: { percent: 150 } }
rateLimit: { perRule: { max: 0, window: 60 } }
`),
    ).toMatchInlineSnapshot(`
      [
        "sim.yaml:3:11: account id must be a non-empty string, got number 5579244 (quote it: "5579244")",
        "sim.yaml:3:42: account type must be one of "Pod", "Income Source", "Account", got "Acount" (did you mean "Account"?)",
        "sim.yaml:3:59: balance: a number with a decimal point is not money (write "$2500" for dollars, or an integer for cents)",
        "sim.yaml:4:48: balance: "$1,000" is not a money value (use "_" to group digits: "$1_000")",
        "sim.yaml:11:30: max must be a whole number ≥ 1, got number 0",
        "sim.yaml:11:41: window: 60 has no unit (write "60s" for seconds or "60ms")",
        "sim.yaml:9:35: unknown account "a3" (did you mean "a2"?)",
        "sim.yaml:9:47: an amount needs exactly one of fixed, percent, topUpTo, remote, got fixed and percent",
        "sim.yaml:10:35: a transfer cannot go from "a2" to itself",
        "sim.yaml:10:58: percent must be a number above 0 and at most 100 with at most two decimals, got 150",
      ]
    `);
  });

  it("reports duplicates, bad references and bad faults", () => {
    expect(
      problems(`
accounts:
  - { id: a, name: A, type: Pod, balance: $1 }
  - { id: a, name: B, type: Pod, balance: $1 }
tokens:
  - { token: t, accounts: [b] }
rules:
  - { id: r, secret: s }
  - { id: r, secret: s2 }
faults:
  - { kind: nullBalance, route: trigger }
  - { kind: status, ruleId: q, status: 200 }
  - { kind: latency }
  - { kind: reset, latency: 1s, probability: 2 }
drift:
  - { account: c, every: 0s, by: $1 }
`),
    ).toMatchInlineSnapshot(`
      [
        "sim.yaml:4:11: account id "a" is used twice",
        "sim.yaml:6:28: unknown account "b" (did you mean "a"?)",
        "sim.yaml:9:11: rule id "r" is used twice",
        "sim.yaml:11:33: fault "nullBalance" only applies to route "accounts"",
        "sim.yaml:12:29: unknown rule "q" (did you mean "r"?)",
        "sim.yaml:12:40: status must be a whole number from 400 to 599, got number 200",
        "sim.yaml:13:5: fault "latency" needs "latency"",
        "sim.yaml:14:20: unknown key "latency" in fault "reset" (allowed: kind, route, ruleId, times, probability, processed)",
        "sim.yaml:14:46: probability must be a number above 0 and at most 1, got 2",
        "sim.yaml:16:16: unknown account "c" (did you mean "a"?)",
        "sim.yaml:16:26: every must be above 0",
      ]
    `);
  });

  it("refuses negative amounts and a remote URL that is not http(s)", () => {
    expect(
      problems(`
accounts: [{ id: a, name: A, type: Pod, balance: $1 }, { id: b, name: B, type: Pod, balance: $1 }]
rules:
  - id: r
    secret: s
    actions:
      - transfer: { from: a, to: b, amount: { fixed: -$5 } }
      - transfer: { from: a, to: b, amount: { remote: "ftp://127.0.0.1/x" } }
`),
    ).toEqual([
      "sim.yaml:7:54: fixed cannot be negative",
      'sim.yaml:8:55: "ftp://127.0.0.1/x" is not an http(s) URL',
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    expect(problems("accounts:\n  - { id: a\n")).toEqual([expect.stringMatching(/^sim\.yaml:3:1: /)]);
  });
});

describe("readStateFile", () => {
  it("loads the built-in demo state", async () => {
    const result = await readStateFile(demoStatePath);
    expect(result.ok).toBe(true);
  });

  it("reports a missing file as an issue", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seqd-sim-"));
    const missing = join(dir, "nope.yaml");
    const result = await readStateFile(missing);
    expect(result.ok ? [] : result.issues.map(formatStateIssue)).toEqual([
      `${missing}: cannot read state file: no such file`,
    ]);
    await writeFile(join(dir, "bad.yaml"), "seed: -1\n");
    const bad = await readStateFile(join(dir, "bad.yaml"));
    expect(bad.ok ? [] : bad.issues.map(formatStateIssue)).toEqual([
      `${join(dir, "bad.yaml")}:1:7: seed must be a whole number from 0 to 4294967295, got number -1`,
    ]);
  });
});

describe("toState", () => {
  it("throws a StateError listing the problems of an invalid object", () => {
    expect(() => toState({ rules: [{ id: "r" } as never] })).toThrowError(StateError);
    expect(() => toState({ rules: [{ id: "r" } as never] })).toThrowError(/rules\[0\]: rule needs "secret"/);
  });

  it("passes a validated state through unchanged", () => {
    const state = toState({ seed: 3 });
    expect(toState(state)).toBe(state);
  });
});
