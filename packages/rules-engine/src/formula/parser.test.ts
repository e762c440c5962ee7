import { describe, expect, it } from "vitest";
import { canonicalText } from "./canonical.js";
import { parseFormula } from "./parser.js";

function tree(source: string): string {
  const result = parseFormula(source);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return canonicalText(result.node);
}

describe("precedence and associativity", () => {
  it.each([
    ["$1 + $2 * 3", "($1 + ($2 * 3))"],
    ["$1 * 2 + $3", "(($1 * 2) + $3)"],
    ["$10 - $3 - $2", "(($10 - $3) - $2)"],
    ["$8 / 2 / 2", "(($8 / 2) / 2)"],
    ["$8 * 3 / 2", "(($8 * 3) / 2)"],
    ["-$1 * 2", "((-$1) * 2)"],
    ["- -$1", "(-(-$1))"],
    ["!a > 1", "((!a) > 1)"],
    ["a + 1 < b * 2", "((a + 1) < (b * 2))"],
    ["a < 1 && b > 2 || c == 3", "(((a < 1) && (b > 2)) || (c == 3))"],
    ["a == 1 || b == 2 && c == 3", "((a == 1) || ((b == 2) && (c == 3)))"],
    ["a > 1 ? $1 : $2", "((a > 1) ? $1 : $2)"],
    ["a > 1 ? $1 : b > 1 ? $2 : $3", "((a > 1) ? $1 : ((b > 1) ? $2 : $3))"],
    ["a > 1 ? b > 1 ? $1 : $2 : $3", "((a > 1) ? ((b > 1) ? $1 : $2) : $3)"],
    ["a || b ? $1 : $2", "((a || b) ? $1 : $2)"],
    ["max($1, $2 + $3, -$4)", "max($1, ($2 + $3), (-$4))"],
    ["f()", "f()"],
    ["balance(emergency-fund_2)", "balance(emergency-fund_2)"],
    ["balance( checking )", "balance(checking)"],
    ["balance(401k)", "balance(401k)"],
  ])("%s parses as %s", (source, expected) => {
    expect(tree(source)).toBe(expected);
  });
});

describe("offsets", () => {
  it("records 0-based, end-exclusive offsets on every node, across lines", () => {
    const result = parseFormula("clamp(\n  $1_500 - balance(checking),\n  $0, (hour)\n)");
    expect(result).toMatchInlineSnapshot(`
      {
        "node": {
          "args": [
            {
              "end": 35,
              "kind": "binary",
              "left": {
                "cents": 150000,
                "end": 15,
                "kind": "money",
                "start": 9,
                "text": "$1_500",
              },
              "op": "-",
              "opStart": 16,
              "right": {
                "alias": "checking",
                "aliasEnd": 34,
                "aliasStart": 26,
                "end": 35,
                "kind": "balance",
                "start": 18,
              },
              "start": 9,
            },
            {
              "cents": 0,
              "end": 41,
              "kind": "money",
              "start": 39,
              "text": "$0",
            },
            {
              "end": 49,
              "kind": "name",
              "name": "hour",
              "start": 43,
            },
          ],
          "end": 51,
          "kind": "call",
          "name": "clamp",
          "nameEnd": 5,
          "start": 0,
        },
        "nodeCount": 6,
        "ok": true,
      }
    `);
  });
});
