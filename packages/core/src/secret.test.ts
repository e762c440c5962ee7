import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Secret } from "./secret.js";

describe("Secret", () => {
  const secret = new Secret("s3cr3t-value-xyz");

  it("reveals its value only on request", () => {
    expect(secret.reveal()).toBe("s3cr3t-value-xyz");
  });

  it("prints as <secret> through every text conversion", () => {
    const holder = { token: secret, nested: [secret] };
    const renderings = [
      String(secret),
      `${secret}`,
      JSON.stringify(holder),
      inspect(holder, { depth: 5 }),
      inspect(secret, { showHidden: true }),
    ];
    for (const text of renderings) {
      expect(text).not.toContain("s3cr3t");
      expect(text).toContain("<secret>");
    }
  });
});
