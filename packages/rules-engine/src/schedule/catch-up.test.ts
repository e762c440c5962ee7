import { describe, expect, it } from "vitest";
import { CATCH_UP_REASONS, type CatchUpInput, type CatchUpReason, decideCatchUp } from "./catch-up.js";
import { occurrencesBetween } from "./occurrences.js";
import { compiled } from "./test-helpers.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const d = (iso: string) => new Date(iso);

/** Verdicts as `HH:MM decision reason` (or full ISO when `long`), checking each against the reason table. */
function decide(input: CatchUpInput, long = false): string[] {
  return decideCatchUp(input).map((verdict) => {
    expect(verdict.decision).toBe(CATCH_UP_REASONS[verdict.reason].decision);
    expect(verdict.lateByMs).toBe(input.now.getTime() - verdict.occurrence.getTime());
    const at = long ? verdict.occurrence.toISOString() : verdict.occurrence.toISOString().slice(11, 16);
    return `${at} ${verdict.decision} ${verdict.reason}`;
  });
}

describe("decideCatchUp after a 10-minute outage of a per-minute schedule", () => {
  // Last evaluated 10:00:00, back at 10:10:30: 10:01 … 10:10 are due; only 10:10 is within a minute.
  const perMinute = compiled("* * * * *", "UTC");
  const now = d("2026-05-04T10:10:30Z");
  const due = occurrencesBetween(perMinute, d("2026-05-04T10:00:00Z"), now).occurrences;

  it("has ten due occurrences", () => {
    expect(due).toHaveLength(10);
  });

  it("skip: records each missed one, fires the on-time one", () => {
    expect(decide({ due, now, policy: { policy: "skip" } })).toEqual([
      ...["01", "02", "03", "04", "05", "06", "07", "08", "09"].map(
        (m) => `10:${m} missed missed_skip_policy`,
      ),
      "10:10 fire on_time",
    ]);
  });

  it("latest: the on-time run is the latest, so every missed one is superseded", () => {
    expect(decide({ due, now, policy: { policy: "latest", withinMs: HOUR } })).toEqual([
      ...["01", "02", "03", "04", "05", "06", "07", "08", "09"].map(
        (m) => `10:${m} missed superseded_by_latest`,
      ),
      "10:10 fire on_time",
    ]);
  });

  it("latest: with nothing on time, the newest missed one inside the window fires", () => {
    const later = d("2026-05-04T10:12:00Z");
    expect(decide({ due, now: later, policy: { policy: "latest", withinMs: 5 * MINUTE } })).toEqual([
      "10:01 missed outside_window",
      "10:02 missed outside_window",
      "10:03 missed outside_window",
      "10:04 missed outside_window",
      "10:05 missed outside_window",
      "10:06 missed outside_window",
      "10:07 missed superseded_by_latest",
      "10:08 missed superseded_by_latest",
      "10:09 missed superseded_by_latest",
      "10:10 fire catch_up_latest",
    ]);
  });

  it("all: fires each missed one inside the window", () => {
    expect(decide({ due, now, policy: { policy: "all", withinMs: 5 * MINUTE } })).toEqual([
      "10:01 missed outside_window",
      "10:02 missed outside_window",
      "10:03 missed outside_window",
      "10:04 missed outside_window",
      "10:05 missed outside_window",
      "10:06 fire catch_up_all",
      "10:07 fire catch_up_all",
      "10:08 fire catch_up_all",
      "10:09 fire catch_up_all",
      "10:10 fire on_time",
    ]);
  });

  it("all: fires the newest `max` missed ones; the on-time one does not count", () => {
    expect(decide({ due, now, policy: { policy: "all", withinMs: HOUR, max: 3 } })).toEqual([
      "10:01 missed over_max",
      "10:02 missed over_max",
      "10:03 missed over_max",
      "10:04 missed over_max",
      "10:05 missed over_max",
      "10:06 missed over_max",
      "10:07 fire catch_up_all",
      "10:08 fire catch_up_all",
      "10:09 fire catch_up_all",
      "10:10 fire on_time",
    ]);
  });
});

describe("decideCatchUp after a 3-day outage of a daily 09:00 New York schedule (across spring-forward)", () => {
  const daily = compiled("0 9 * * *", "America/New_York");
  const now = d("2026-03-09T15:00:00Z"); // 11:00 EDT on the 9th
  const due = occurrencesBetween(daily, d("2026-03-06T15:00:00Z"), now).occurrences;

  it("is due on the 7th (EST), 8th and 9th (EDT)", () => {
    expect(due.map((at) => at.toISOString())).toEqual([
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
  });

  it("latest within 6h: fires this morning's, records the older two as outside the window", () => {
    expect(decide({ due, now, policy: { policy: "latest", withinMs: 6 * HOUR } }, true)).toEqual([
      "2026-03-07T14:00:00.000Z missed outside_window",
      "2026-03-08T13:00:00.000Z missed outside_window",
      "2026-03-09T13:00:00.000Z fire catch_up_latest",
    ]);
  });

  it("all within 6h: the same here, only one is inside the window", () => {
    expect(decide({ due, now, policy: { policy: "all", withinMs: 6 * HOUR } }, true)).toEqual([
      "2026-03-07T14:00:00.000Z missed outside_window",
      "2026-03-08T13:00:00.000Z missed outside_window",
      "2026-03-09T13:00:00.000Z fire catch_up_all",
    ]);
  });

  it("all within 3 days: fires all three, in order", () => {
    expect(decide({ due, now, policy: { policy: "all", withinMs: 72 * HOUR } }, true)).toEqual([
      "2026-03-07T14:00:00.000Z fire catch_up_all",
      "2026-03-08T13:00:00.000Z fire catch_up_all",
      "2026-03-09T13:00:00.000Z fire catch_up_all",
    ]);
  });

  it("skip: records all three", () => {
    expect(decide({ due, now, policy: { policy: "skip" } }, true)).toEqual([
      "2026-03-07T14:00:00.000Z missed missed_skip_policy",
      "2026-03-08T13:00:00.000Z missed missed_skip_policy",
      "2026-03-09T13:00:00.000Z missed missed_skip_policy",
    ]);
  });
});

describe("decideCatchUp bounds and inputs", () => {
  const now = d("2026-05-04T12:00:00Z");
  const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * MINUTE));

  it("caps all at 10 by default, firing the newest ten", () => {
    const due = minutesAgo(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1.5);
    const verdicts = decideCatchUp({ due, now, policy: { policy: "all", withinMs: HOUR } });
    expect(verdicts.map((v) => v.reason)).toEqual([
      ...Array(5).fill("over_max"),
      ...Array(10).fill("catch_up_all"),
    ]);
  });

  it("treats both bounds as inclusive: exactly lateAfterMs late is on time, exactly withinMs late is inside", () => {
    const due = [
      new Date(now.getTime() - 2 * HOUR),
      new Date(now.getTime() - MINUTE - 1),
      new Date(now.getTime() - MINUTE),
    ];
    expect(decide({ due, now, policy: { policy: "all", withinMs: 2 * HOUR } })).toEqual([
      "10:00 fire catch_up_all",
      "11:58 fire catch_up_all",
      "11:59 fire on_time",
    ]);
    expect(decide({ due, now, policy: { policy: "all", withinMs: 2 * HOUR - 1 } })[0]).toBe(
      "10:00 missed outside_window",
    );
  });

  it("honours a custom lateAfterMs (0: anything in the past is late)", () => {
    expect(decide({ due: minutesAgo(0, 0.5), now, policy: { policy: "skip" }, lateAfterMs: 0 })).toEqual([
      "11:59 missed missed_skip_policy",
      "12:00 fire on_time",
    ]);
  });

  it("sorts its input and merges duplicates", () => {
    const [a, b] = minutesAgo(5, 0);
    expect(
      decide({ due: [b!, a!, new Date(b!.getTime())], now, policy: { policy: "latest", withinMs: HOUR } }),
    ).toEqual(["11:55 missed superseded_by_latest", "12:00 fire on_time"]);
  });

  it("decides nothing when nothing is due", () => {
    expect(decideCatchUp({ due: [], now, policy: { policy: "all", withinMs: HOUR } })).toEqual([]);
  });

  it("refuses future occurrences and malformed policies", () => {
    const future = [new Date(now.getTime() + 1)];
    expect(() => decideCatchUp({ due: future, now, policy: { policy: "skip" } })).toThrow(
      "occurrence 2026-05-04T12:00:00.001Z is after now (2026-05-04T12:00:00.000Z)",
    );
    expect(() => decideCatchUp({ due: [], now, policy: { policy: "latest", withinMs: -1 } })).toThrow(
      RangeError,
    );
    expect(() => decideCatchUp({ due: [], now, policy: { policy: "all", withinMs: HOUR, max: 0 } })).toThrow(
      RangeError,
    );
    expect(() =>
      decideCatchUp({ due: [], now, policy: { policy: "skip" }, lateAfterMs: Number.NaN }),
    ).toThrow(RangeError);
    expect(() => decideCatchUp({ due: [d("nope")], now, policy: { policy: "skip" } })).toThrow(RangeError);
  });

  it("every reason in the closed table is reachable", () => {
    const due = minutesAgo(120, 30, 20, 10, 5, 0);
    const policies: CatchUpInput["policy"][] = [
      { policy: "skip" },
      { policy: "latest", withinMs: HOUR },
      { policy: "all", withinMs: HOUR, max: 2 },
    ];
    const seen = new Set<CatchUpReason>();
    for (const policy of policies) {
      for (const verdict of decideCatchUp({ due, now, policy })) seen.add(verdict.reason);
      // Without the on-time occurrence, latest has to fire a missed one.
      for (const verdict of decideCatchUp({ due: due.slice(0, -1), now, policy })) seen.add(verdict.reason);
    }
    expect([...seen].sort()).toEqual(Object.keys(CATCH_UP_REASONS).sort());
  });
});
