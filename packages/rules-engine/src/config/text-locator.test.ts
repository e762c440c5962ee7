import { describe, expect, it } from "vitest";
import { isMap, type Node } from "yaml";
import { parseYamlFile } from "./parse-yaml.js";
import { createTextLocator } from "./text-locator.js";
import { findPair, type ParsedFile } from "./yaml-nodes.js";

function fileOf(text: string): ParsedFile {
  const { file, issues } = parseYamlFile({ path: "f.yaml", text });
  expect(issues).toEqual([]);
  if (!file) throw new Error("did not parse");
  return file;
}

/** The locator for the value of top-level key `key`, and the value as YAML decoded it. */
function locatorFor(text: string, key = "formula") {
  const file = fileOf(text);
  const node = findPair(file, file.doc.contents, key)?.value as Node;
  const value = (file.data as Record<string, string>)[key]!;
  return { locate: createTextLocator(file, node), value };
}

/** Where offset `at` of the decoded value lands, as `line:col`, and the source char there. */
function land(text: string, at: number, key = "formula") {
  const { locate, value } = locatorFor(text, key);
  const pos = locate(at);
  const line = text.split("\n")[pos.line - 1] ?? "";
  return { pos: `${pos.line}:${pos.col}`, char: line[pos.col - 1], decoded: value[at] };
}

describe("createTextLocator maps offsets inside a scalar to file positions", () => {
  it("plain scalar", () => {
    const text = "formula: balance(chekcing) + $5\n";
    expect(land(text, 8)).toEqual({ pos: "1:18", char: "c", decoded: "c" });
  });

  it("plain scalar folded over two lines", () => {
    const text = "formula: max(balance(a),\n  balance(bb))\n";
    const at = "max(balance(a), balance(".length;
    expect(land(text, at)).toEqual({ pos: "2:11", char: "b", decoded: "b" });
  });

  it("single-quoted scalar with an escaped quote", () => {
    const text = "formula: 'it''s balance(x)'\n";
    const at = "it's balance(".length;
    expect(land(text, at)).toEqual({ pos: "1:25", char: "x", decoded: "x" });
  });

  it("double-quoted scalar with escapes before the offset", () => {
    const text = 'formula: "\\t\\u0041 \\"q\\" balance(x)"\n';
    const { value } = locatorFor(text);
    expect(value).toBe('\tA "q" balance(x)');
    const at = value.indexOf("x");
    expect(land(text, at)).toEqual({ pos: "1:34", char: "x", decoded: "x" });
    expect(land(text, 1).pos).toBe("1:13");
  });

  it("double-quoted scalar with an escaped line break", () => {
    const text = 'formula: "balance(a) + \\\n    balance(b)"\n';
    const { value } = locatorFor(text);
    expect(value).toBe("balance(a) + balance(b)");
    expect(land(text, value.lastIndexOf("b)")).pos).toBe("2:13");
  });

  it("literal block scalar (|)", () => {
    const text = "formula: |\n  clamp(\n    balance(savngs),\n    $0, $5)\n";
    const { value } = locatorFor(text);
    expect(value).toBe("clamp(\n  balance(savngs),\n  $0, $5)\n");
    expect(land(text, value.indexOf("savngs"))).toEqual({ pos: "3:13", char: "s", decoded: "s" });
  });

  it("folded block scalar (>-) with a more-indented line", () => {
    const text = "formula: >-\n  max(\n  balance(a),\n    balance(zz))\n";
    const { value } = locatorFor(text);
    expect(value).toBe("max( balance(a),\n  balance(zz))");
    expect(land(text, value.indexOf("zz"))).toEqual({ pos: "4:13", char: "z", decoded: "z" });
  });

  it("block scalar in a nested mapping", () => {
    const text = "amounts:\n  x:\n    formula: |-\n      balance(q)\n";
    const file = fileOf(text);
    const amounts = findPair(file, file.doc.contents, "amounts")?.value;
    const x = findPair(file, amounts, "x")?.value;
    const node = findPair(file, x, "formula")?.value as Node;
    expect(createTextLocator(file, node)(8)).toEqual({ file: "f.yaml", line: 4, col: 15 });
  });

  it("the end offset (value.length) maps just past the last character; larger offsets clamp", () => {
    const text = 'formula: "ab"\n';
    expect(land(text, 2).pos).toBe("1:13");
    expect(land(text, 99).pos).toBe("1:13");
    expect(land(text, -4).pos).toBe("1:11");
  });

  it("falls back to the scalar's start for a non-string scalar", () => {
    const file = fileOf("formula: 42\n");
    const node = findPair(file, file.doc.contents, "formula")?.value as Node;
    expect(isMap(file.doc.contents)).toBe(true);
    expect(createTextLocator(file, node)(1)).toEqual({ file: "f.yaml", line: 1, col: 10 });
  });
});
