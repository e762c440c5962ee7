import { createFakeClock } from "@seqd/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeTimers } from "./fake-timers.js";
import { createRealTimers, sleep } from "./timers.js";

describe("real timers (on vitest's fake timers and a fake clock)", () => {
  const clock = createFakeClock("2026-03-02T14:00:00Z");
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const elapse = (ms: number) => {
    clock.advance(ms);
    vi.advanceTimersByTime(ms);
  };

  it("a long wait runs in chunks of at most 30 s and fires on time", () => {
    const timers = createRealTimers({ clock, maxChunkMs: 30_000 });
    const fired = vi.fn();
    timers.setTimeout(fired, 90_000);
    expect(vi.getTimerCount()).toBe(1);
    elapse(89_999);
    expect(fired).not.toHaveBeenCalled();
    elapse(1);
    expect(fired).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a wall clock jump (suspend, NTP step forward) ends the wait within one chunk", () => {
    const timers = createRealTimers({ clock, maxChunkMs: 30_000 });
    const fired = vi.fn();
    timers.setTimeout(fired, 300_000);
    clock.setWall(new Date(clock.now().getTime() + 3_600_000));
    vi.advanceTimersByTime(30_000);
    expect(fired).toHaveBeenCalledOnce();
  });

  it("a wall clock stepped back does not delay the wait (monotonic time still counts)", () => {
    const timers = createRealTimers({ clock, maxChunkMs: 30_000 });
    const fired = vi.fn();
    timers.setTimeout(fired, 60_000);
    clock.setWall(new Date(clock.now().getTime() - 3_600_000));
    elapse(60_000);
    expect(fired).toHaveBeenCalledOnce();
  });

  it("clearTimeout cancels, also between chunks", () => {
    const timers = createRealTimers({ clock, maxChunkMs: 30_000 });
    const fired = vi.fn();
    const handle = timers.setTimeout(fired, 90_000);
    elapse(45_000);
    timers.clearTimeout(handle);
    elapse(60_000);
    expect(fired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("fake timers", () => {
  it("runs callbacks in due order, moving the clock to each due time", () => {
    const clock = createFakeClock("2026-03-02T14:00:00Z");
    const timers = createFakeTimers(clock);
    const seen: string[] = [];
    timers.setTimeout(() => seen.push(`b ${clock.now().toISOString()}`), 2_000);
    timers.setTimeout(() => seen.push(`a ${clock.now().toISOString()}`), 1_000);
    const dropped = timers.setTimeout(() => seen.push("dropped"), 1_500);
    timers.clearTimeout(dropped);
    expect(timers.nextDueInMs()).toBe(1_000);
    expect(timers.runNext()).toBe(true);
    timers.advance(5_000);
    expect(timers.runNext()).toBe(false);
    expect(seen).toEqual(["a 2026-03-02T14:00:01.000Z", "b 2026-03-02T14:00:02.000Z"]);
    expect(clock.now().toISOString()).toBe("2026-03-02T14:00:06.000Z");
    expect(timers.pending()).toBe(0);
  });

  it("runNext runs every callback due at the same instant, including ones scheduled for now by them", () => {
    const clock = createFakeClock();
    const timers = createFakeTimers(clock);
    const seen: number[] = [];
    timers.setTimeout(() => {
      seen.push(1);
      timers.setTimeout(() => seen.push(3), 0);
    }, 10);
    timers.setTimeout(() => seen.push(2), 10);
    timers.runNext();
    expect(seen).toEqual([1, 2, 3]);
  });

  it("sleep resolves on the timers and rejects when aborted", async () => {
    const clock = createFakeClock();
    const timers = createFakeTimers(clock);
    const done = sleep(timers, 1_000);
    timers.runNext();
    await expect(done).resolves.toBeUndefined();
    const abort = new AbortController();
    const cut = sleep(timers, 1_000, abort.signal);
    abort.abort(new Error("stop"));
    await expect(cut).rejects.toThrow("stop");
    expect(timers.pending()).toBe(0);
  });
});
