import { describe, expect, it } from "vitest";
import { loadConfig } from "./load-config.js";
import type { Config, ThresholdTrigger } from "./model.js";
import type { ConfigSource } from "./parse-yaml.js";

const fixtures = import.meta.glob<string>("./fixtures/valid/**/*.yaml", {
  query: "?raw",
  import: "default",
  eager: true,
});
const NOW = new Date("2026-03-01T12:00:00Z");

function source(name: string): ConfigSource {
  const text = fixtures[`./fixtures/valid/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return { path: name, text };
}

function load(sources: ConfigSource[]): Config {
  const result = loadConfig(sources, { now: NOW });
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.line}:${i.col} ${i.message}`).join("\n"));
  expect(result.warnings).toEqual([]);
  return result.config;
}

const SPLIT = ["split/10-settings.yaml", "split/20-checking.yaml", "split/30-savings.yaml"];

describe("loadConfig on valid configs", () => {
  const config = load([source("whole.yaml")]);

  it("converts money to cents, durations to ms and applies defaults", () => {
    const low = config.triggers.get("checking-low") as ThresholdTrigger;
    expect(low.kind).toBe("threshold");
    expect(low.threshold).toMatchObject({
      account: "checking",
      direction: "below",
      level: 50_000,
      rearm: 80_000,
      forMs: 900_000,
      cooldownMs: 86_400_000,
      onStartup: "requireCrossing",
    });
    expect(low.maxPerDay).toBe(2);
    expect(config.amounts.get("top-up")).toMatchObject({ min: 100, max: 100_000, onStale: "zero" });
    expect(config.rules.get("top-up-checking")?.minIntervalMs).toBe(60_000);
    expect(config.rules.get("sweep-to-savings")?.minIntervalMs).toBe(0);
    expect(config.polling).toEqual({ everyMs: 300_000, staleAfterMs: 1_200_000 });
    expect(config.server.listen).toEqual({ host: "127.0.0.1", port: 8787 });
    expect(config.alerts?.repeatEveryMs).toBe(3_600_000);
  });

  it("keeps schedules with their effective zone and catch-up policy", () => {
    const sweep = config.triggers.get("payday-sweep");
    expect(sweep?.kind === "schedule" && sweep.schedule).toMatchObject({
      cron: "0 9 1,15 * *",
      timezone: "America/Chicago",
    });
    expect(sweep?.kind === "schedule" && sweep.catchUp).toEqual({ policy: "latest", withinMs: 21_600_000 });
  });

  it("keeps secrets as tagged references with positions, never values", () => {
    expect(config.sequence?.accessToken).toEqual({
      kind: "env",
      name: "SEQUENCE_ACCESS_TOKEN",
      pos: { file: "whole.yaml", line: 7, col: 16 },
    });
    expect(config.rules.get("sweep-to-savings")?.secret).toMatchObject({
      kind: "file",
      path: "/run/secrets/sweep",
    });
  });

  it("keeps formulas with an offset-to-position map", () => {
    const formula = config.amounts.get("top-up")!.formula;
    expect(formula.source).toBe("clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0))");
    const offset = formula.source.indexOf("savings");
    expect(formula.locate(offset)).toEqual({ file: "whole.yaml", line: 57, col: 14 + offset });
    expect(config.triggers.get("payday-sweep")?.when?.source).toBe("balance(checking) > $2_000");
  });

  it("resolves test times in the config zone and +durations from start", () => {
    const [test] = config.tests;
    expect(test?.name).toBe("tops up once when checking stays low");
    expect(test?.start.toISOString()).toBe("2026-03-07T13:00:00.000Z");
    expect(test?.steps.map((s) => s.at.toISOString())).toEqual([
      "2026-03-07T13:00:00.000Z",
      "2026-03-07T13:05:00.000Z",
      "2026-03-07T13:20:00.000Z",
      "2026-03-07T13:25:00.000Z",
    ]);
    expect(test?.steps[0]?.balances).toEqual(
      new Map([
        ["checking", 90_000],
        ["savings", 500_000],
      ]),
    );
    expect(test?.steps[2]?.expect?.fired).toEqual(["checking-low"]);
    expect(test?.steps[2]?.expect?.amounts).toEqual(new Map([["top-up", 100_000]]));
    expect(test?.steps[2]?.pos).toMatchObject({ line: 72, col: 9 });
  });

  it("has the same hash whatever the key order, spelling of values or file split", () => {
    const reordered = load([source("reordered.yaml")]);
    const split = load(SPLIT.map(source));
    expect(config.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(reordered.hash).toBe(config.hash);
    expect(split.hash).toBe(config.hash);
    for (const [id, trigger] of config.triggers) {
      expect(reordered.triggers.get(id)?.definitionHash).toBe(trigger.definitionHash);
      expect(split.triggers.get(id)?.definitionHash).toBe(trigger.definitionHash);
    }
    expect(split.files).toEqual(SPLIT);
  });

  it("changes the config hash on any meaningful change, and only the touched trigger's definition hash", () => {
    const text = source("whole.yaml").text;
    const edited = load([{ path: "whole.yaml", text: text.replace("rearmAbove: $800", "rearmAbove: $900") }]);
    expect(edited.hash).not.toBe(config.hash);
    expect(edited.triggers.get("checking-low")?.definitionHash).not.toBe(
      config.triggers.get("checking-low")?.definitionHash,
    );
    expect(edited.triggers.get("payday-sweep")?.definitionHash).toBe(
      config.triggers.get("payday-sweep")?.definitionHash,
    );
    const unrelated = load([{ path: "whole.yaml", text: text.replace("max: $1_000", "max: $1_200") }]);
    expect(unrelated.hash).not.toBe(config.hash);
    expect(unrelated.triggers.get("checking-low")?.definitionHash).toBe(
      config.triggers.get("checking-low")?.definitionHash,
    );
  });

  it("resets a threshold's definition hash when its alias points at another account", () => {
    const text = source("whole.yaml").text;
    const moved = load([{ path: "whole.yaml", text: text.replace('id: "5579244"', 'id: "5579299"') }]);
    expect(moved.triggers.get("checking-low")?.definitionHash).not.toBe(
      config.triggers.get("checking-low")?.definitionHash,
    );
  });

  it("leaves tests and comments out of the config hash", () => {
    const text = source("whole.yaml").text;
    const noTests = load([
      { path: "whole.yaml", text: `# a new comment\n${text.slice(0, text.indexOf("tests:"))}` },
    ]);
    expect(noTests.hash).toBe(config.hash);
  });

  it("applies every default to a config that only has a version", () => {
    const minimal = load([{ path: "min.yaml", text: "version: 1\n" }]);
    expect(minimal).toMatchObject({
      version: 1,
      store: "sqlite:./seqd.db",
      server: { listen: { host: "127.0.0.1", port: 8787 } },
      polling: { everyMs: 300_000, staleAfterMs: 1_200_000 },
    });
    expect(minimal.timezone).toBeUndefined();
    expect(minimal.sequence).toBeUndefined();
    expect(minimal.triggers.size).toBe(0);
  });
});

describe("loadConfig problems", () => {
  it("collects every problem of a file, sorted by position, and across files of one config", () => {
    const result = loadConfig(
      [
        { path: "a.yaml", text: "version: 1\ntimezone: Mars/Olympus\npolling: { every: 5 }\n" },
        { path: "b.yaml", text: "trigers: {}\nstore: redis://x\n" },
      ],
      { now: NOW },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.code}`)).toEqual([
      "a.yaml:2:11 invalid-timezone",
      "a.yaml:3:19 invalid-duration",
      "b.yaml:1:1 unknown-key",
      "b.yaml:2:8 invalid-value",
    ]);
  });

  it("returns warnings with a valid config (ok stays true)", () => {
    const result = loadConfig(
      [
        {
          path: "w.yaml",
          text: "version: 1\npolling: { every: 10s }\nrules:\n  r: { url: https://example.com/hook, secret: { env: R } }\n",
        },
      ],
      { now: NOW },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.code, w.severity, w.line, w.col])).toEqual([
      ["short-interval", "warning", 2, 19],
      ["rule-url-unusual", "warning", 4, 13],
    ]);
  });

  it("never repeats a literal secret in its messages", () => {
    const secret = "sk_live_4f9a_distinctive_value";
    const result = loadConfig(
      [
        {
          path: "s.yaml",
          text: `version: 1\nsequence:\n  accessToken: ${secret}\nstore: postgres://seqd:${secret}@db/seqd\n`,
        },
      ],
      { now: NOW },
    );
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).toContain("literal-secret");
    expect(JSON.stringify(result)).toContain("store-password");
  });

  it("reports a config given no files", () => {
    expect(loadConfig([], { now: NOW })).toMatchObject({ ok: false, issues: [{ code: "file-empty" }] });
  });

  it("skips reference checks when a file of the config does not parse, instead of cascading", () => {
    const result = loadConfig(
      [
        { path: "rules.yaml", text: "rules:\n  r: {\n" },
        {
          path: "triggers.yaml",
          text: "version: 1\ntriggers:\n  t: { rule: r, schedule: { cron: '0 9 * * *', timezone: UTC } }\n",
        },
      ],
      { now: NOW },
    );
    expect(result.ok ? [] : result.issues.map((i) => i.file)).toEqual(["rules.yaml"]);
  });
});
