import { describe, expect, it } from "vitest";
import { SUITES, selectSuites, usage } from "./suites.js";

describe("selectSuites", () => {
  it("runs every suite in the registry's order when none is named", () => {
    expect(selectSuites([])).toEqual({
      kind: "run",
      suites: ["formula", "engine", "store", "cold-start", "endpoint"],
    });
  });

  it("runs the named suites once each, in the registry's order", () => {
    expect(selectSuites(["endpoint", "formula", "endpoint"])).toEqual({
      kind: "run",
      suites: ["formula", "endpoint"],
    });
  });

  it("reports an unknown name with a suggestion when one is close", () => {
    expect(selectSuites(["formula", "cold-strat"])).toEqual({
      kind: "unknown",
      name: "cold-strat",
      suggestion: "cold-start",
    });
    expect(selectSuites(["throughput"])).toEqual({
      kind: "unknown",
      name: "throughput",
      suggestion: undefined,
    });
  });

  it("asks for help", () => {
    expect(selectSuites(["store", "--help"])).toEqual({ kind: "help" });
  });
});

describe("usage", () => {
  it("lists every suite with what it compares", () => {
    const text = usage();
    for (const suite of SUITES) expect(text).toContain(`${suite.name}  `);
    expect(text).toContain("Usage: pnpm bench [suite…]");
  });
});
