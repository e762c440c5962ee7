import { describe, expect, it } from "vitest";
import { checkHttpUrl } from "./url.js";

describe("checkHttpUrl", () => {
  it.each([
    "https://api.getsequence.io/remote-api/rules/ru_1/trigger",
    "http://127.0.0.1:8790/remote-api/rules/ru_topup/trigger",
    "http://localhost:8790/x",
    "http://[::1]:8790/x",
  ])("accepts %s", (url) => {
    expect(checkHttpUrl(url, "url")).toEqual({ ok: true, url });
  });

  it("refuses plain http to other hosts, relative URLs and other schemes", () => {
    expect(checkHttpUrl("http://example.com/x", 'url in rule "r"')).toMatchObject({
      ok: false,
      message: 'url in rule "r": "http://example.com/x" uses plain http',
    });
    expect(checkHttpUrl("example.com/x", "url")).toMatchObject({
      ok: false,
      hint: "write the full URL, starting with https://",
    });
    expect(checkHttpUrl("ftp://example.com/x", "url")).toMatchObject({
      ok: false,
      message: 'url: "ftp://example.com/x" must start with https://',
    });
  });

  it("refuses credentials in the URL without repeating them", () => {
    const result = checkHttpUrl("https://user:hunter2@example.com/x", "url");
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });
});
