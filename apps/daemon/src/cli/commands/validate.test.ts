import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { createTestIo } from "../test-io.js";

const DISTINCTIVE = "sk_live_walrus_91Xq_distinctive";
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "seqd-validate-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(cwd, path)), { recursive: true });
  await writeFile(join(cwd, path), content);
}

async function validate(args: string[], env: Record<string, string> = {}) {
  const io = createTestIo({ cwd, env });
  const code = await main(["validate", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const GOOD = `version: 1
timezone: America/New_York
sequence:
  accessToken: { env: SEQUENCE_ACCESS_TOKEN }
accounts:
  checking: { id: "5579244" }
rules:
  top-up:
    url: https://api.getsequence.io/remote-api/rules/ru_1/trigger
    secret: { file: secrets/top-up }
triggers:
  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800 }
`;

const BROKEN = `version: 1
timezone: America/New_York
rules:
  top-up:
    url: https://api.getsequence.io/remote-api/rules/ru_1/trigger
    secret: ${DISTINCTIVE}
triggers:
  checking-low:
    rule: topup
    threshold:
      account: checking
      below: $500
      rearmAbvoe: $800
  payday:
    rule: top-up
    schedule: { cron: "0 9 1 * MON" }
`;

describe("seqd validate", () => {
  it("reads configs/ by default and exits 0 on a valid config", async () => {
    await write("configs/seqd.yaml", GOOD);
    const { code, out } = await validate([]);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "configs: valid: 1 account, 1 rule, 1 trigger, 0 amounts, 0 tests (config d7de1c9142a4)
      1 config: 1 valid, 0 invalid
      "
    `);
  });

  it("prints every problem as path:line:col, a summary per config and overall, and exits 78", async () => {
    await write("good.yaml", GOOD);
    await write("broken.yaml", BROKEN);
    const { code, out } = await validate(["good.yaml", "broken.yaml"]);
    expect(code).toBe(78);
    expect(out).toMatchInlineSnapshot(`
      "good.yaml: valid: 1 account, 1 rule, 1 trigger, 0 amounts, 0 tests (config d7de1c9142a4)
      broken.yaml:6:13: error: secret in rule "top-up" holds a literal value; secrets must be references [literal-secret]
        hint: secrets are references: { env: TOP_UP_RULE_SECRET } or { file: /run/secrets/… }; if a real secret was written here, rotate it (it is in git history)
      broken.yaml:13:7: error: unknown key "rearmAbvoe" in trigger "checking-low" (did you mean "rearmAbove"?) [unknown-key]
      broken.yaml:16:24: error: schedule in trigger "payday": cron "0 9 1 * MON" restricts both day-of-month and day-of-week, and cron implementations disagree on how to combine them [ambiguous-days]
        hint: add dayMatch: any (run when either matches, like Vixie cron) or dayMatch: all (only when both match)
      broken.yaml: invalid: 3 errors, 0 warnings
      2 configs: 1 valid, 1 invalid
      "
    `);
    expect(out).not.toContain(DISTINCTIVE);
  });

  it("merges a directory into one config and names both places of a duplicate id", async () => {
    await write("conf/10-base.yaml", GOOD);
    await write(
      "conf/20-more.yaml",
      "triggers:\n  checking-low:\n    rule: top-up\n    schedule: { cron: '0 9 * * *' }\n",
    );
    const { code, out } = await validate(["conf"]);
    expect(code).toBe(78);
    expect(out).toMatchInlineSnapshot(`
      "conf/20-more.yaml:2:3: error: trigger "checking-low" is defined twice: here and at conf/10-base.yaml:12:3 [duplicate-id]
        hint: ids are unique across all files of a config: rename one or delete the copy
      conf: invalid: 1 error, 0 warnings
      1 config: 0 valid, 1 invalid
      "
    `);
  });

  it("accepts warnings, unless --strict", async () => {
    await write("warn.yaml", `${GOOD}polling: { every: 30s }\n`);
    const relaxed = await validate(["warn.yaml"]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).toMatchInlineSnapshot(`
      "warn.yaml:15:19: warning: polling.every is 30s, under a minute [short-interval]
        hint: frequent polling spends Sequence's rate limit; 1m or more is usual outside tests and demos
      warn.yaml: valid with 1 warning: 1 account, 1 rule, 1 trigger, 0 amounts, 0 tests (config 10f4315e3b7b)
      1 config: 1 valid, 0 invalid
      "
    `);
    const strict = await validate(["warn.yaml", "--strict"]);
    expect(strict.code).toBe(78);
    expect(strict.out.split("\n").slice(-3)).toMatchInlineSnapshot(`
      [
        "warn.yaml: invalid under --strict: 0 errors, 1 warning",
        "1 config: 0 valid, 1 invalid",
        "",
      ]
    `);
  });

  it("emits a stable JSON document with --format json", async () => {
    await write("broken.yaml", "version: 1\npolling: { every: 5, evry: 5m }\n");
    const { code, out } = await validate(["broken.yaml", "--format", "json"]);
    expect(code).toBe(78);
    expect(JSON.parse(out)).toMatchInlineSnapshot(`
      {
        "configs": [
          {
            "counts": null,
            "errors": 2,
            "files": [
              "broken.yaml",
            ],
            "hash": null,
            "issues": [
              {
                "code": "invalid-duration",
                "col": 19,
                "file": "broken.yaml",
                "hint": "durations need a unit: "5s", "5m", "5h" or "5d"",
                "line": 2,
                "message": "polling.every: 5 has no unit",
                "severity": "error",
              },
              {
                "code": "unknown-key",
                "col": 22,
                "file": "broken.yaml",
                "line": 2,
                "message": "unknown key "evry" in polling (did you mean "every"?)",
                "severity": "error",
              },
            ],
            "path": "broken.yaml",
            "valid": false,
            "warnings": 0,
          },
        ],
        "secrets": false,
        "strict": false,
        "summary": {
          "configs": 1,
          "errors": 2,
          "invalid": 1,
          "valid": 0,
          "warnings": 0,
        },
        "valid": false,
        "version": 1,
      }
    `);
  });

  it("resolves secrets with --secrets and never prints their values", async () => {
    await write("configs/seqd.yaml", GOOD);
    await write("configs/secrets/top-up", `${DISTINCTIVE}\n`);
    const ok = await validate(["--secrets"], { SEQUENCE_ACCESS_TOKEN: DISTINCTIVE });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatchInlineSnapshot(`
      "configs: valid: 1 account, 1 rule, 1 trigger, 0 amounts, 0 tests; 2 secrets resolved (config d7de1c9142a4)
      1 config: 1 valid, 0 invalid
      "
    `);
    const json = await validate(["--secrets", "--format", "json"], { SEQUENCE_ACCESS_TOKEN: DISTINCTIVE });
    expect(JSON.parse(json.out)).toMatchObject({
      valid: true,
      secrets: true,
      configs: [{ secretsResolved: 2 }],
    });
    for (const output of [ok.out, ok.err, json.out, json.err]) expect(output).not.toContain(DISTINCTIVE);
  });

  it("reports unresolvable secrets with --secrets, naming the env var and the file", async () => {
    await write("configs/seqd.yaml", GOOD);
    const { code, out } = await validate(["--secrets"], { UNRELATED: DISTINCTIVE });
    expect(code).toBe(78);
    expect(out).toMatchInlineSnapshot(`
      "configs/seqd.yaml:4:16: error: sequence.accessToken: environment variable SEQUENCE_ACCESS_TOKEN is not set [unresolved-secret]
        hint: export SEQUENCE_ACCESS_TOKEN in the daemon's environment
      configs/seqd.yaml:10:13: error: rules.top-up.secret: secret file secrets/top-up does not exist [unresolved-secret]
        hint: looked for configs/secrets/top-up (relative paths start at the config file's directory)
      configs: invalid: 2 errors, 0 warnings
      1 config: 0 valid, 1 invalid
      "
    `);
    expect(out).not.toContain(DISTINCTIVE);
  });

  it("checks secret references only for syntax without --secrets", async () => {
    await write("configs/seqd.yaml", GOOD);
    expect((await validate([])).code).toBe(0);
  });

  it("explains a missing default directory", async () => {
    const { code, out } = await validate([]);
    expect(code).toBe(78);
    expect(out).toMatchInlineSnapshot(`
      "configs: error: configs does not exist [file-unreadable]
        hint: check the path; seqd reads configs/ when no path is given
      configs: invalid: 1 error, 0 warnings
      1 config: 0 valid, 1 invalid
      "
    `);
  });

  it("refuses an unknown --format as a usage error", async () => {
    const { code, err } = await validate(["--format", "yaml"]);
    expect(code).toBe(64);
    expect(err).toBe('seqd validate: --format must be text or json, got "yaml"\n');
  });
});
