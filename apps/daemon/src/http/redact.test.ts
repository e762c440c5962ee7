import { describe, expect, it } from "vitest";
import { redactBodyText, redactHeaders, redactUrl } from "./redact.js";

describe("redactUrl", () => {
  it("replaces credential-like query values, keeping the rest as sent", () => {
    expect(redactUrl("/amount/top-up?token=abc&ruleId=ru_1")).toBe(
      "/amount/top-up?token=<redacted>&ruleId=ru_1",
    );
    expect(redactUrl("/a?x=1&to%6Ben=abc&api_key=k&token")).toBe(
      "/a?x=1&to%6Ben=<redacted>&api_key=<redacted>&token",
    );
    expect(redactUrl("/a?token=%E0%A4%A&b=%zz")).toBe("/a?token=<redacted>&b=%zz");
    expect(redactUrl("/a")).toBe("/a");
  });
});

describe("redactHeaders", () => {
  it("blanks credential headers and scrubs known secrets from the others", () => {
    expect(
      redactHeaders(
        {
          authorization: "Bearer s3cret",
          "x-sequence-signature": "Bearer s3cret",
          cookie: "a=b",
          "x-forwarded-for": ["1.2.3.4", "s3cret"],
          "user-agent": "seq s3cret",
        },
        ["s3cret"],
      ),
    ).toEqual({
      authorization: "<redacted>",
      "x-sequence-signature": "<redacted>",
      cookie: "<redacted>",
      "x-forwarded-for": ["1.2.3.4", "<redacted>"],
      "user-agent": "seq <redacted>",
    });
  });
});

describe("redactBodyText", () => {
  it("blanks credential fields in JSON, forms and text without parsing", () => {
    expect(redactBodyText('{"ruleId":"r","token":"t\\"x","n":{"apiKey":"k"},"secretList":[1]}', [])).toBe(
      '{"ruleId":"r","token":"<redacted>","n":{"apiKey":"<redacted>"},"secretList":[1]}',
    );
    expect(redactBodyText("a=1&token=abc&password=p", [])).toBe("a=1&token=<redacted>&password=<redacted>");
    expect(redactBodyText("signature: xyz\nother: 2", [])).toBe("signature: <redacted>\nother: 2");
    expect(redactBodyText("free text mentioning s3cret", ["s3cret"])).toBe("free text mentioning <redacted>");
    expect(redactBodyText('{"ruleId":', [])).toBe('{"ruleId":');
  });
});
