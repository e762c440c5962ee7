import { describe, expect, it } from "vitest";
import { compileFormula } from "../../formula/index.js";
import { VALUE_DEFS } from "./value-defs.js";

describe("account alias pattern", () => {
  const pattern = new RegExp(String(VALUE_DEFS["accountAlias"]!["pattern"]));

  it.each(["a", "Z", "checking", "bills_pod", "pod_2", `a${"_".repeat(63)}`, `A${"9".repeat(63)}`])(
    "accepts %s, and a formula can read it",
    (alias) => {
      expect(pattern.test(alias)).toBe(true);
      const result = compileFormula(`balance(${alias}) + $1`, { expect: "money", accounts: [alias] });
      expect(result.ok).toBe(true);
    },
  );

  it.each(["bills-pod", "2nd", "_x", "a.b", "", `a${"b".repeat(64)}`])("refuses %j", (alias) => {
    expect(pattern.test(alias)).toBe(false);
  });
});
