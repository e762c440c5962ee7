import { describe, expect, it } from "vitest";
import { checkRawText, positionAt } from "./text-checks.js";

describe("checkRawText", () => {
  it("accepts tabs inside values, CRLF line ends and realistic nesting", () => {
    const nested = "tests:\n  - name: x\n    steps:\n      - expect:\n          amounts: { a: [[[1]]] }\n";
    expect(checkRawText("f.yaml", "a: 'x\ty'\r\nb: 1\r\n")).toBeUndefined();
    expect(checkRawText("f.yaml", nested)).toBeUndefined();
  });

  it("positions the first control character", () => {
    expect(checkRawText("f.yaml", "a: 1\nb: x\u0007y\n")).toMatchObject({
      code: "file-binary",
      line: 2,
      col: 5,
      message: "file contains the control character U+0007: it does not look like a YAML text file",
    });
  });

  it("ignores brackets inside quotes and comments when measuring depth", () => {
    const text = `a: "${"[".repeat(200)}"\nb: '${"{".repeat(200)}'\n# ${"[".repeat(200)}\n`;
    expect(checkRawText("f.yaml", text)).toBeUndefined();
  });

  it("stops at the bracket that crosses the depth limit", () => {
    expect(checkRawText("f.yaml", `a:\n  b: ${"[".repeat(100)}\n`)).toMatchObject({
      code: "yaml-too-deep",
      line: 2,
      col: 68,
    });
  });
});

describe("positionAt", () => {
  it("counts lines and UTF-16 columns", () => {
    expect(positionAt("f", "ab\ncd\nef", 4)).toEqual({ file: "f", line: 2, col: 2 });
    expect(positionAt("f", "ab\ncd\nef", 0)).toEqual({ file: "f", line: 1, col: 1 });
    expect(positionAt("f", "é😀x", 3)).toEqual({ file: "f", line: 1, col: 4 });
  });
});
