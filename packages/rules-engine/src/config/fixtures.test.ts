import { describe, expect, it } from "vitest";
import type { ConfigIssue } from "./issues.js";
import { loadConfig } from "./load-config.js";
import type { ConfigSource } from "./parse-yaml.js";

/**
 * The golden corpus: every file (or directory, for multi-file cases) under
 * fixtures/invalid is a broken config with exactly one problem, announced in its own
 * comments as `# expect: <code> [file:]line:col <message>` plus an optional `# hint: …`.
 */
const invalid = import.meta.glob<string>("./fixtures/invalid/**/*.yaml", {
  query: "?raw",
  import: "default",
  eager: true,
});
const warning = import.meta.glob<string>("./fixtures/warning/**/*.yaml", {
  query: "?raw",
  import: "default",
  eager: true,
});
const valid = import.meta.glob<string>("./fixtures/valid/**/*.yaml", {
  query: "?raw",
  import: "default",
  eager: true,
});

const NOW = new Date("2026-03-01T12:00:00Z");

interface Case {
  name: string;
  sources: ConfigSource[];
}

/** Groups fixture files into configs: a top-level file is one config, a directory is one config. */
function cases(files: Record<string, string>, root: string): Case[] {
  const byName = new Map<string, ConfigSource[]>();
  for (const [key, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const relative = key.slice(root.length);
    const slash = relative.indexOf("/");
    const name = slash < 0 ? relative.replace(/\.yaml$/, "") : relative.slice(0, slash);
    const sources = byName.get(name) ?? [];
    sources.push({ path: relative, text });
    byName.set(name, sources);
  }
  return [...byName].map(([name, sources]) => ({ name, sources }));
}

function expectedIssue(sources: readonly ConfigSource[]): Omit<ConfigIssue, "severity"> {
  const text = sources.map((source) => source.text).join("\n");
  const expect = /^# expect: (\S+) (?:(\S+\.yaml):)?(\d+):(\d+) (.*)$/m.exec(text);
  if (!expect) throw new Error(`fixture ${sources[0]?.path} has no "# expect:" line`);
  const hint = /^# hint: (.*)$/m.exec(text)?.[1];
  const [, code, file, line, col, message] = expect;
  return {
    code: code as ConfigIssue["code"],
    message: message!,
    file: file ?? sources[0]!.path,
    line: Number(line),
    col: Number(col),
    ...(hint === undefined ? {} : { hint }),
  };
}

describe("golden corpus of invalid configs", () => {
  const all = cases(invalid, "./fixtures/invalid/");

  it("has at least 40 cases, named <area>-<case>", () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const { name } of all) expect(name).toMatch(/^[a-z0-9]+-[a-z0-9-]+$/);
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", (_, { sources }) => {
    const started = performance.now();
    const result = loadConfig(sources, { now: NOW });
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(false);
    const issues = result.ok ? result.warnings : result.issues;
    expect(issues.map(({ severity: _, ...issue }) => issue)).toEqual([expectedIssue(sources)]);
    expect(issues[0]?.severity).toBe("error");
    expect(elapsed).toBeLessThan(1000);
  });
});

/** Every `# expect:` line of a warning fixture, each with the `# hint:` line right after it. */
function expectedWarnings(sources: readonly ConfigSource[]): Omit<ConfigIssue, "severity">[] {
  const lines = sources.flatMap((source) => source.text.split("\n"));
  return lines.flatMap((line, index) => {
    if (!line.startsWith("# expect:")) return [];
    const next = lines[index + 1] ?? "";
    const text = next.startsWith("# hint: ") ? `${line}\n${next}` : line;
    return [expectedIssue([{ path: sources[0]!.path, text }])];
  });
}

describe("golden corpus of configs that load with warnings", () => {
  const all = cases(warning, "./fixtures/warning/");

  it("has a case for each DST hazard the validator warns about and for same-minute runs", () => {
    expect(all.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "dst-gap-shifted",
        "dst-gap-skipped",
        "dst-overlap-once",
        "dst-overlap-twice",
        "schedule-same-minute",
      ]),
    );
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", (_, { sources }) => {
    const result = loadConfig(sources, { now: NOW });
    if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join("\n"));
    expect(result.warnings.every((issue) => issue.severity === "warning")).toBe(true);
    expect(result.warnings.map(({ severity: _, ...issue }) => issue)).toEqual(expectedWarnings(sources));
  });
});

describe("generated hostile inputs", () => {
  const hostile: [string, string, string][] = [
    ["a 10 MB file", "version: 1\n" + "# padding\n".repeat(1_000_000), "file-too-large"],
    ["a file one byte over 1 MiB", "#".repeat(1024 * 1024) + "\n", "file-too-large"],
    [
      "100 000 nested flow brackets",
      `version: 1\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
      "yaml-too-deep",
    ],
    [
      "deep block nesting",
      Array.from({ length: 1400 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + "\n",
      "yaml-too-deep",
    ],
    ["100 000 compact sequence dashes", `- ${"- ".repeat(100_000)}x\n`, "yaml-too-deep"],
    [
      "a billion-laughs alias bomb",
      [
        "a: &a [x, x, x, x, x, x, x, x, x, x]",
        ..."bcdefghij".split("").map((c, i) => {
          const prev = "abcdefghij"[i];
          return `${c}: &${c} [${Array(10).fill(`*${prev}`).join(", ")}]`;
        }),
      ].join("\n") + "\n",
      "yaml-alias-limit",
    ],
    [
      "random bytes",
      String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      "file-binary",
    ],
  ];

  it.each(hostile)("%s → one clean positioned error, fast", (_, text, code) => {
    const started = performance.now();
    const result = loadConfig([{ path: "hostile.yaml", text }], { now: NOW });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code, file: "hostile.yaml" });
    expect(result.issues[0]!.line).toBeGreaterThanOrEqual(1);
  });
});

describe("megabyte-sized values and thousands of entries", () => {
  const mega = (unit: string) => unit.repeat(Math.floor(1_000_000 / unit.length));
  const stress: [string, string, string, number][] = [
    [
      "a 1 MB time zone name (no quadratic did-you-mean)",
      `version: 1\ntimezone: "${mega("Europe/")}"\n`,
      "invalid-timezone",
      1,
    ],
    ["a 1 MB duration", `version: 1\npolling: { every: "${mega("1")}x" }\n`, "invalid-duration", 1],
    [
      "a 1 MB formula",
      `version: 1\namounts: { a: { path: /a, token: { env: A }, max: $1, formula: "${mega("$1 + ")}" } }\n`,
      "invalid-value",
      1,
    ],
    [
      "30 000 unknown keys (report capped)",
      `version: 1\n${Array.from({ length: 30_000 }, (_, i) => `k${i}: 1`).join("\n")}\n`,
      "unknown-key",
      201,
    ],
    [
      "20 000 aliases of one anchor",
      `version: 1\na: &a x\n${Array.from({ length: 20_000 }, (_, i) => `b${i}: *a`).join("\n")}\n`,
      "yaml-alias-limit",
      1,
    ],
  ];

  // These guard against hangs (quadratic paths), not a latency budget: the bound is loose.
  it.each(stress)("%s", (_, text, code, count) => {
    const started = performance.now();
    const result = loadConfig([{ path: "big.yaml", text }], { now: NOW });
    expect(performance.now() - started).toBeLessThan(3000);
    const issues = result.ok ? result.warnings : result.issues;
    expect(issues).toHaveLength(count);
    expect(issues[0]?.code).toBe(code);
    for (const issue of issues) expect(issue.message.length + (issue.hint?.length ?? 0)).toBeLessThan(900);
    if (count > 1)
      expect(issues[count - 1]).toMatchObject({
        code: "too-many-issues",
        message: "about 29800 more problems not shown",
      });
  });
});

describe("valid fixtures", () => {
  it.each(cases(valid, "./fixtures/valid/").map((c) => [c.name, c] as const))(
    "%s loads cleanly",
    (_, { sources }) => {
      const result = loadConfig(sources, { now: NOW });
      expect(result.ok ? result.warnings : result.issues).toEqual([]);
    },
  );
});
