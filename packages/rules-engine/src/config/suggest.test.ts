import { describe, expect, it } from "vitest";
import { quote, suggest } from "./suggest.js";

describe("suggest", () => {
  it("suggests close candidates, and nothing for absurdly long words", () => {
    expect(suggest("chekcing", ["checking", "savings"])).toBe("checking");
    expect(suggest("c".repeat(101), ["c".repeat(100)])).toBeUndefined();
  });
});

describe("quote", () => {
  it("quotes short text whole and shortens long text, saying how long it was", () => {
    expect(quote("abc")).toBe('"abc"');
    expect(quote("x".repeat(100), 10)).toBe('"xxxxxxxxx…" (100 characters)');
  });
});
