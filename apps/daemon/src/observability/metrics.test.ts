import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics.js";

/** Minimal Prometheus text-format check: every sample line is `name{labels} value` (Go float syntax). */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|nan|[+-]inf)$/i.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

describe("createMetrics", () => {
  it("exposes the design's metric names in valid Prometheus text", async () => {
    const metrics = createMetrics();
    metrics.firings.inc({ trigger: "payday", outcome: "accepted" });
    metrics.amountRequests.inc({ endpoint: "top-up", outcome: "ok" }, 2);
    metrics.amountDuration.observe({ endpoint: "top-up" }, 0.0003);
    metrics.balanceAge.set({ account: "checking" }, 42);
    metrics.sequenceRequests.inc({ op: "triggerRule", status: "429" });
    metrics.missedOccurrences.inc({ trigger: "payday", policy: "skip" });
    metrics.configLastReloadSuccessful.set(1);
    const samples = parseExposition(await metrics.registry.metrics());
    expect(samples.get('seqd_firings_total{trigger="payday",outcome="accepted"}')).toBe(1);
    expect(samples.get('seqd_amount_requests_total{endpoint="top-up",outcome="ok"}')).toBe(2);
    expect(samples.get('seqd_amount_request_duration_seconds_count{endpoint="top-up"}')).toBe(1);
    expect(samples.get('seqd_balance_age_seconds{account="checking"}')).toBe(42);
    expect(samples.get('seqd_sequence_requests_total{op="triggerRule",status="429"}')).toBe(1);
    expect(samples.get('seqd_missed_occurrences_total{trigger="payday",policy="skip"}')).toBe(1);
    expect(samples.get("seqd_config_last_reload_successful")).toBe(1);
    expect([...samples.keys()].some((name) => name.startsWith("process_cpu_seconds_total"))).toBe(true);
  });

  it("keeps registries separate between instances", async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.firings.inc({ trigger: "x", outcome: "accepted" });
    expect(await b.registry.metrics()).not.toContain('trigger="x"');
  });
});
