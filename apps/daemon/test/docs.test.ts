import { readFile } from "node:fs/promises";
import { ISSUE_CODES, idempotencyKey, loadConfig } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../src/observability/metrics.js";
import { ALERT_KIND_NAMES } from "../src/runtime/alert-kinds.js";

const DOC = new URL("../../../docs/configuration.md", import.meta.url);

describe("docs/configuration.md", () => {
  it("lists every problem code with its severity", async () => {
    const text = await readFile(DOC, "utf8");
    for (const [code, { severity }] of Object.entries(ISSUE_CODES)) {
      expect(text).toMatch(new RegExp(`\\| \`${code}\`\\s*\\| ${severity}\\s*\\|`));
    }
  });

  it("shows a first config that validates without problems", async () => {
    const text = await readFile(DOC, "utf8");
    const first = /## A first config\s+```yaml\n([\s\S]*?)```/.exec(text)?.[1];
    expect(first).toContain("version: 1");
    const result = loadConfig([{ path: "first.yaml", text: first! }], {
      now: new Date("2026-03-01T00:00:00Z"),
    });
    expect(result.ok ? result.warnings : result.issues).toEqual([]);
  });
});

describe("docs/engine.md", () => {
  it("shows the idempotency keys seqd derives", async () => {
    const text = await readFile(new URL("../../../docs/engine.md", import.meta.url), "utf8");
    const rows = [...text.matchAll(/^\| `([a-z-]+)` +\| `([^`]+)` +\| `(sqd-[0-9a-f]{32})` \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const [, trigger, occurrence, key] of rows) expect(idempotencyKey(trigger!, occurrence!)).toBe(key);
    expect(text).toContain(idempotencyKey("nightly-sweep", "2026-03-08T07:00:00.000Z"));
  });
});

describe("README.md operations reference", () => {
  it("lists every alert kind and every seqd metric", async () => {
    const text = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    for (const kind of ALERT_KIND_NAMES) expect(text).toMatch(new RegExp(`\\| \`${kind}\` +\\|`));
    const metrics = await createMetrics({ processMetrics: false }).registry.getMetricsAsJSON();
    for (const { name } of metrics) expect(text).toContain(`\`${name}`);
  });
});
