import { describe, expect, it } from "vitest";
import { checkStoreUrl } from "./store-url.js";

describe("checkStoreUrl", () => {
  it.each([
    ["sqlite:./seqd.db", "sqlite", false],
    ["sqlite::memory:", "sqlite", false],
    ["postgres://seqd@db:5432/seqd", "postgres", false],
    ["postgresql://seqd:pw@db/seqd", "postgres", true],
  ])("%s is a %s store (password: %s)", (url, kind, hasPassword) => {
    expect(checkStoreUrl(url)).toEqual({ ok: true, kind, hasPassword });
  });

  it("refuses other schemes without echoing the URL", () => {
    const result = checkStoreUrl("mysql://root:s3cret@db/seqd");
    expect(result).toMatchObject({ ok: false, message: 'the scheme "mysql:" is not supported' });
    expect(JSON.stringify(result)).not.toContain("s3cret");
    expect(checkStoreUrl("sqlite:")).toMatchObject({ ok: false, hint: "write sqlite:./seqd.db" });
  });
});
