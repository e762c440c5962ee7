import { describe, expect, it } from "vitest";
import { createRuleCircuit } from "./rule-circuit.js";

describe("rule circuit", () => {
  it("opens on the second 401 in a row, per rule", () => {
    const circuit = createRuleCircuit();
    expect(circuit.recordUnauthorized("sweep")).toBe(false);
    expect(circuit.isOpen("sweep")).toBe(false);
    expect(circuit.recordUnauthorized("sweep")).toBe(true);
    expect(circuit.recordUnauthorized("sweep")).toBe(false);
    expect(circuit.open()).toEqual(["sweep"]);
    expect(circuit.isOpen("topup")).toBe(false);
  });

  it("an authenticated answer in between restarts the count", () => {
    const circuit = createRuleCircuit();
    circuit.recordUnauthorized("sweep");
    circuit.recordAuthenticated("sweep");
    expect(circuit.recordUnauthorized("sweep")).toBe(false);
  });

  it("reset closes it and says whether it was open", () => {
    const circuit = createRuleCircuit(1);
    expect(circuit.recordUnauthorized("sweep")).toBe(true);
    expect(circuit.reset("sweep")).toBe(true);
    expect(circuit.reset("sweep")).toBe(false);
    expect(circuit.recordUnauthorized("sweep")).toBe(true);
  });
});
