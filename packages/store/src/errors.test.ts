import { describe, expect, it } from "vitest";
import { isRetryableStoreError, STORE_ERROR_CODES, StoreError } from "./errors.js";

describe("StoreError", () => {
  it("carries a code from the closed table, a name and its cause", () => {
    const cause = new Error("disk I/O");
    const error = new StoreError("IO", "sqlite:/srv/seqd.db: disk I/O error", { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "StoreError", code: "IO", cause });
    expect(String(error)).toBe("StoreError: sqlite:/srv/seqd.db: disk I/O error");
  });

  it("only lock contention and lost connections are worth retrying as they are", () => {
    const retryable = STORE_ERROR_CODES.filter((code) => isRetryableStoreError(code));
    expect(retryable).toEqual(["LOCKED", "UNAVAILABLE"]);
  });
});
