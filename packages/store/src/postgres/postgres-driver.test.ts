import { describe, expect, it } from "vitest";
import { numberPlaceholders } from "./postgres-driver.js";

describe("numberPlaceholders", () => {
  it("numbers ? placeholders in order", () => {
    expect(numberPlaceholders("UPDATE t SET a = ?, b = ? WHERE id = ? AND s IN (?, ?)")).toBe(
      "UPDATE t SET a = $1, b = $2 WHERE id = $3 AND s IN ($4, $5)",
    );
  });

  it("leaves question marks inside quoted text alone", () => {
    expect(numberPlaceholders(`SELECT '?', "odd?name" FROM t WHERE x = ? AND y = 'it''s?'`)).toBe(
      `SELECT '?', "odd?name" FROM t WHERE x = $1 AND y = 'it''s?'`,
    );
  });
});
