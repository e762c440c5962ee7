import { describe, expect, it } from "vitest";
import { readInt, readJson, readOptionalInt, readOptionalTime, readText, readTime } from "./row.js";

describe("row readers", () => {
  it("reads integers from numbers (SQLite) and BIGINT strings (Postgres) exactly", () => {
    expect(readInt({ n: 42 }, "n")).toBe(42);
    expect(readInt({ n: "9007199254740991" }, "n")).toBe(Number.MAX_SAFE_INTEGER);
    expect(readInt({ n: "-9007199254740991" }, "n")).toBe(-Number.MAX_SAFE_INTEGER);
    expect(readInt({ n: 7n }, "n")).toBe(7);
    expect(readOptionalInt({ n: null }, "n")).toBeUndefined();
  });

  it.each([["9007199254740992"], ["1.5"], [1.5], ["12abc"], [null]])(
    "refuses %j as an integer instead of rounding it",
    (value) => {
      expect(() => readInt({ n: value }, "n")).toThrow(/column "n" is not a safe integer/);
    },
  );

  it("reads timestamps from ISO text (SQLite) and Date (Postgres)", () => {
    const instant = new Date("2026-03-01T12:00:00.123Z");
    expect(readTime({ t: "2026-03-01T12:00:00.123Z" }, "t")).toEqual(instant);
    expect(readTime({ t: instant }, "t")).toEqual(instant);
    expect(readOptionalTime({ t: null }, "t")).toBeUndefined();
    expect(() => readTime({ t: "yesterday" }, "t")).toThrow(/not a timestamp/);
  });

  it("reports a missing column or a wrong type as INTERNAL", () => {
    expect(() => readText({}, "name")).toThrow(expect.objectContaining({ code: "INTERNAL" }));
    expect(() => readText({ name: 5 }, "name")).toThrow(/not a text/);
    expect(() => readJson({ j: "{oops" }, "j")).toThrow(/invalid JSON/);
  });
});
