import { describe, expect, it } from "vitest";
import type { FaultSpec } from "../state/types.js";
import { createFaultRegistry } from "./faults.js";

const spec = (overrides: Partial<FaultSpec>): FaultSpec => ({
  route: "any",
  ruleId: null,
  kind: "status",
  latencyMs: 0,
  status: 503,
  body: "json",
  accounts: null,
  error: "Connection failed",
  processed: false,
  times: null,
  probability: 1,
  ...overrides,
});

describe("createFaultRegistry", () => {
  it("strikes N times then recovers", () => {
    const faults = createFaultRegistry(1);
    faults.add(spec({ times: 2 }));
    const hits = Array.from({ length: 4 }, () => faults.evaluate({ route: "trigger", ruleId: "r" }).replace);
    expect(hits.map((h) => h?.kind ?? null)).toEqual(["status", "status", null, null]);
    expect(faults.list()[0]).toMatchObject({ applied: 2, remaining: 0 });
  });

  it("matches route and rule", () => {
    const faults = createFaultRegistry(1);
    faults.add(spec({ route: "trigger", ruleId: "r1" }));
    expect(faults.evaluate({ route: "accounts", ruleId: null }).replace).toBeNull();
    expect(faults.evaluate({ route: "trigger", ruleId: "r2" }).replace).toBeNull();
    expect(faults.evaluate({ route: "trigger", ruleId: "r1" }).replace).not.toBeNull();
  });

  it("lets one fault replace an answer; the next keeps its count; latencies add up", () => {
    const faults = createFaultRegistry(1);
    faults.add(spec({ kind: "latency", latencyMs: 100 }));
    faults.add(spec({ kind: "reset", times: 1 }));
    faults.add(spec({ kind: "malformed", times: 1 }));
    faults.add(spec({ kind: "latency", latencyMs: 50 }));
    const first = faults.evaluate({ route: "trigger", ruleId: null });
    expect(first.latencyMs).toBe(150);
    expect(first.replace?.kind).toBe("reset");
    expect(faults.evaluate({ route: "trigger", ruleId: null }).replace?.kind).toBe("malformed");
    expect(faults.evaluate({ route: "trigger", ruleId: null }).replace).toBeNull();
  });

  it("draws probabilities from the seed, the same way on every run", () => {
    const run = (seed: number) => {
      const faults = createFaultRegistry(seed);
      faults.add(spec({ probability: 0.3 }));
      return Array.from({ length: 40 }, () =>
        faults.evaluate({ route: "trigger", ruleId: null }).replace ? 1 : 0,
      );
    };
    expect(run(9)).toEqual(run(9));
    const struck = run(9).reduce<number>((sum, hit) => sum + hit, 0);
    expect(struck).toBeGreaterThan(3);
    expect(struck).toBeLessThan(25);
  });

  it("removes one fault by id, or all", () => {
    const faults = createFaultRegistry(1);
    const a = faults.add(spec({}));
    faults.add(spec({ kind: "reset" }));
    expect(faults.remove(a.id)).toBe(true);
    expect(faults.remove(a.id)).toBe(false);
    expect(faults.list().map((f) => f.kind)).toEqual(["reset"]);
    faults.clear();
    expect(faults.list()).toEqual([]);
  });
});
