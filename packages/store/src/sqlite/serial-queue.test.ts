import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireFileQueue, createSerialQueue } from "./serial-queue.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("serial queues", () => {
  it("run async work one at a time, in call order, past failures", async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const slow = queue.run(async () => {
      log.push("a start");
      await Promise.resolve();
      await Promise.resolve();
      log.push("a end");
    });
    const failing = queue.run(() => {
      log.push("b");
      throw new Error("b failed");
    });
    const last = queue.run(() => log.push("c"));
    await Promise.all([slow, failing.catch(() => {}), last]);
    expect(log).toEqual(["a start", "a end", "b", "c"]);
    await expect(failing).rejects.toThrow("b failed");
  });

  it("every spelling of one file shares a queue; other files do not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "seqd-queue-"));
    dirs.push(dir);
    symlinkSync(dir, join(dir, "alias"));
    const a = acquireFileQueue(join(dir, "seqd.db"));
    const b = acquireFileQueue(join(dir, "alias", "seqd.db"));
    const other = acquireFileQueue(join(dir, "other.db"));
    const log: string[] = [];
    let release = () => {};
    const held = a.run(() => new Promise<void>((resolve) => (release = resolve)));
    const queued = b.run(() => log.push("b"));
    await other.run(() => log.push("other"));
    expect(log).toEqual(["other"]);
    release();
    await Promise.all([held, queued]);
    expect(log).toEqual(["other", "b"]);
    for (const queue of [a, b, other]) queue.release();
  });
});
