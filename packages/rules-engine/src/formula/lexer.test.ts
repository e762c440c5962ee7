import { describe, expect, it } from "vitest";
import { Lexer, SyntaxAbort, type Token } from "./lexer.js";

function tokens(source: string): string[] {
  const lexer = new Lexer(source);
  const out: string[] = [];
  for (let token: Token = lexer.next(); ; token = lexer.next()) {
    const value = "value" in token ? `=${token.value}` : "";
    out.push(`${token.kind}:${token.text}${value}@${token.start}-${token.end}`);
    if (token.kind === "end") return out;
  }
}

describe("Lexer", () => {
  it("reads money as cents, numbers, names and every operator with offsets", () => {
    expect(
      tokens("$1_500.25 + 12 * day_of_week\t<= $0.5 != (a>=b) && !c || d ? e : f, g - h / i < j > k == l"),
    ).toEqual([
      "money:$1_500.25=150025@0-9",
      "punct:+@10-11",
      "number:12=12@12-14",
      "punct:*@15-16",
      "name:day_of_week@17-28",
      "punct:<=@29-31",
      "money:$0.5=50@32-36",
      "punct:!=@37-39",
      "punct:(@40-41",
      "name:a@41-42",
      "punct:>=@42-44",
      "name:b@44-45",
      "punct:)@45-46",
      "punct:&&@47-49",
      "punct:!@50-51",
      "name:c@51-52",
      "punct:||@53-55",
      "name:d@56-57",
      "punct:?@58-59",
      "name:e@60-61",
      "punct::@62-63",
      "name:f@64-65",
      "punct:,@65-66",
      "name:g@67-68",
      "punct:-@69-70",
      "name:h@71-72",
      "punct:/@73-74",
      "name:i@75-76",
      "punct:<@77-78",
      "name:j@79-80",
      "punct:>@81-82",
      "name:k@83-84",
      "punct:==@85-87",
      "name:l@88-89",
      "end:@89-89",
    ]);
  });

  it("reads 1_000 as a number and skips newlines and tabs", () => {
    expect(tokens("\n\t1_000\r\n")).toEqual(["number:1_000=1000@2-7", "end:@9-9"]);
  });

  it("reads aliases with hyphens only where balance() asks for one", () => {
    const lexer = new Lexer("balance( emergency-fund-2 ) - fund");
    lexer.next();
    lexer.next();
    expect(lexer.alias()).toEqual({ kind: "alias", text: "emergency-fund-2", start: 9, end: 25 });
    expect(lexer.next()).toMatchObject({ kind: "punct", text: ")" });
    expect(lexer.next()).toMatchObject({ kind: "punct", text: "-" });
    expect(lexer.alias()).toEqual({ kind: "alias", text: "fund", start: 30, end: 34 });
  });

  it("does not end an alias with a hyphen or take one that starts with a symbol", () => {
    const lexer = new Lexer("a- $5");
    expect(lexer.alias()).toEqual({ kind: "alias", text: "a", start: 0, end: 1 });
    expect(lexer.next()).toMatchObject({ kind: "punct", text: "-" });
    expect(lexer.alias()).toBeUndefined();
    expect(lexer.next()).toMatchObject({ kind: "money", value: 500 });
  });

  it("aborts with a positioned error at the first bad character", () => {
    const lexer = new Lexer("$1 + @");
    lexer.next();
    lexer.next();
    const thrown = ((): unknown => {
      try {
        return lexer.next();
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(SyntaxAbort);
    expect((thrown as SyntaxAbort).error).toEqual({
      code: "UNEXPECTED_CHARACTER",
      message: 'unexpected "@"',
      start: 5,
      end: 6,
    });
  });
});
