import { describe, expect, it } from "vitest";
import { canonicalJson } from "./hash.js";

describe("canonicalJson", () => {
  it("sorts object keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it("writes Maps as objects sorted by key, keeping ids that look like model fields", () => {
    const amounts = new Map([
      ["pos", 1],
      ["definitionHash", 2],
      ["a", 3],
    ]);
    expect(canonicalJson({ amounts })).toBe('{"amounts":{"a":3,"definitionHash":2,"pos":1}}');
  });

  it("drops positions, derived hashes, functions and undefined; keeps dates as ISO", () => {
    const value = {
      pos: { file: "a.yaml", line: 1, col: 1 },
      definitionHash: "x",
      locate: () => 1,
      missing: undefined,
      at: new Date("2026-03-07T13:00:00Z"),
      kept: 1,
    };
    expect(canonicalJson(value)).toBe('{"at":"2026-03-07T13:00:00.000Z","kept":1}');
  });

  it("keeps list order, which is meaningful", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
