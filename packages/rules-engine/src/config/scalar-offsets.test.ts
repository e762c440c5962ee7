import { describe, expect, it } from "vitest";
import { decodeScalar } from "./scalar-offsets.js";

describe("decodeScalar", () => {
  it("maps each decoded unit of a double-quoted scalar to its source offset", () => {
    const raw = '"a\\u00e9\\U0001F600b"';
    const decoded = decodeScalar(raw, "QUOTE_DOUBLE", 100, 0);
    expect(decoded?.value).toBe("aé😀b");
    // a, é (\u escape at 2), two surrogate halves (\U escape at 8), b, end
    expect(decoded?.offsets).toEqual([101, 102, 108, 108, 118, 119]);
  });

  it("keeps trailing blank lines for keep chomping (|+) and drops them for strip (|-)", () => {
    expect(decodeScalar("|+\n  a\n\n", "BLOCK_LITERAL", 0, 0)?.value).toBe("a\n\n");
    expect(decodeScalar("|-\n  a\n\n", "BLOCK_LITERAL", 0, 0)?.value).toBe("a");
  });

  it("honours an explicit indentation indicator relative to the parent", () => {
    expect(decodeScalar("|2\n     x\n", "BLOCK_LITERAL", 0, 2)?.value).toBe(" x\n");
  });

  it("returns undefined for escapes it does not know, so callers fall back", () => {
    expect(decodeScalar('"\\q"', "QUOTE_DOUBLE", 0, 0)).toBeUndefined();
  });
});
