import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "./suggest.js";

describe("didYouMean", () => {
  it("finds typos, transpositions and case slips", () => {
    expect(didYouMean("rearmAbvoe", ["rearmAbove", "rearmBelow", "below"])).toBe("rearmAbove");
    expect(didYouMean("chekcing", ["checking", "savings"])).toBe("checking");
    expect(didYouMean("Savings", ["checking", "savings"])).toBe("savings");
    expect(didYouMean("simulatr", ["simulator", "validate"])).toBe("simulator");
  });

  it("stays quiet when nothing is close", () => {
    expect(didYouMean("zzz", ["checking", "savings"])).toBeUndefined();
    expect(didYouMean("x", [])).toBeUndefined();
  });

  it("counts a transposition as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});
