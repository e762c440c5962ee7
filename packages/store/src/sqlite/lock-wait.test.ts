import { describe, expect, it } from "vitest";
import { StoreError } from "../errors.js";
import { createLockWaiter } from "./lock-wait.js";

const locked = () => new StoreError("LOCKED", "sqlite:/db: database is locked (SQLITE_BUSY)");

/** An attempt that fails with LOCKED `times` times, then returns "done". */
function failing(times: number): () => string {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls <= times) throw locked();
    return "done";
  };
}

describe("createLockWaiter", () => {
  it("pauses between attempts while the lock is held, then returns the result", async () => {
    const pauses: number[] = [];
    const retry = createLockWaiter({
      lockWaitMs: 5_000,
      nativeBusyMs: 20,
      pause: async (ms) => void pauses.push(ms),
    });
    expect(await retry(failing(3))).toBe("done");
    expect(pauses).toEqual([2, 5, 10]);
  });

  it("gives up with LOCKED once the budget (native waits + pauses) is spent, saying how long", async () => {
    const pauses: number[] = [];
    const retry = createLockWaiter({
      lockWaitMs: 50,
      nativeBusyMs: 10,
      pause: async (ms) => void pauses.push(ms),
    });
    const error = await retry(failing(100)).catch((e: unknown) => e);
    expect(pauses).toEqual([2, 5, 10]);
    expect(error).toMatchObject({ code: "LOCKED" });
    expect((error as StoreError).message).toContain("gave up after waiting 57 ms");
  });

  it("with no budget fails at the first LOCKED, and never retries other errors", async () => {
    const retry = createLockWaiter({
      lockWaitMs: 0,
      nativeBusyMs: 0,
      pause: async () => expect.fail("no pause"),
    });
    await expect(retry(failing(1))).rejects.toMatchObject({ code: "LOCKED" });
    const patient = createLockWaiter({
      lockWaitMs: 1_000,
      nativeBusyMs: 0,
      pause: async () => expect.fail("no pause"),
    });
    await expect(
      patient(() => {
        throw new StoreError("DISK_FULL", "full");
      }),
    ).rejects.toMatchObject({ code: "DISK_FULL" });
  });
});
