import { describe, expect, it } from "vitest";
import { dstHazards } from "./hazards.js";
import { nextOccurrences } from "./next-occurrences.js";
import { compiled } from "./test-helpers.js";

const YEAR_2026 = [new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z")] as const;
const hazardsIn2026 = (cron: string, zone: string) => dstHazards(compiled(cron, zone), ...YEAR_2026);
const summary = (cron: string, zone: string) =>
  hazardsIn2026(cron, zone).map(
    (h) => `${h.kind} ${h.wallTimes.join(",")}${h.runsAt ? ` → ${h.runsAt.local}` : ""}`,
  );

describe("dstHazards", () => {
  it.each([
    // Fixed times: a gap moves them, a repeated hour runs them once.
    ["30 2 * * *", "America/New_York", ["gap_shifted 2026-03-08T02:30:00 → 2026-03-08T03:00:00-04:00"]],
    ["0 2 * * *", "America/New_York", ["gap_shifted 2026-03-08T02:00:00 → 2026-03-08T03:00:00-04:00"]],
    ["30 1 * * *", "America/New_York", ["overlap_once 2026-11-01T01:30:00 → 2026-11-01T01:30:00-04:00"]],
    ["0 1 * * *", "America/New_York", ["overlap_once 2026-11-01T01:00:00 → 2026-11-01T01:00:00-04:00"]],
    ["0 3 * * *", "America/New_York", []],
    [
      "30 2 * * *",
      "Australia/Sydney",
      [
        "overlap_once 2026-04-05T02:30:00 → 2026-04-05T02:30:00+11:00",
        "gap_shifted 2026-10-04T02:30:00 → 2026-10-04T03:00:00+11:00",
      ],
    ],
    [
      "0 3 * * *",
      "Pacific/Chatham",
      [
        "overlap_once 2026-04-05T03:00:00 → 2026-04-05T03:00:00+13:45",
        "gap_shifted 2026-09-27T03:00:00 → 2026-09-27T03:45:00+13:45",
      ],
    ],
    [
      "30 1 * * *",
      "Europe/London",
      [
        "gap_shifted 2026-03-29T01:30:00 → 2026-03-29T02:00:00+01:00",
        "overlap_once 2026-10-25T01:30:00 → 2026-10-25T01:30:00+01:00",
      ],
    ],
    // Other patterns: gap times are skipped, repeated times run twice.
    [
      "*/30 * * * *",
      "America/New_York",
      [
        "gap_skipped 2026-03-08T02:00:00,2026-03-08T02:30:00",
        "overlap_twice 2026-11-01T01:00:00,2026-11-01T01:30:00",
      ],
    ],
    ["0 2,14 * * *", "America/New_York", ["gap_skipped 2026-03-08T02:00:00"]],
    ["0 9 * * *", "America/New_York", []],
    ["30 2 * * *", "Asia/Kolkata", []],
  ])("%s in %s", (cron, zone, expected) => {
    expect(summary(cron, zone)).toEqual(expected);
  });

  it("says what happens, in words", () => {
    expect(hazardsIn2026("30 2 * * *", "America/New_York").map((h) => h.message)).toEqual([
      '02:30 does not exist on 2026-03-08 in America/New_York (clocks jump from 02:00 to 03:00): "30 2 * * *" runs at 03:00 (2026-03-08T03:00:00-04:00) instead',
    ]);
    expect(hazardsIn2026("30 1 * * *", "America/New_York").map((h) => h.message)).toEqual([
      '01:30 happens twice on 2026-11-01 in America/New_York (clocks go back from 02:00 to 01:00): "30 1 * * *" runs once, at the first (2026-11-01T01:30:00-04:00)',
    ]);
    expect(hazardsIn2026("0 2,14 * * *", "America/New_York").map((h) => h.message)).toEqual([
      '02:00 does not exist on 2026-03-08 in America/New_York (clocks jump from 02:00 to 03:00): "0 2,14 * * *" does not run at it (only a fixed time, a single second, minute and hour, moves past a gap)',
    ]);
    expect(hazardsIn2026("*/30 * * * *", "America/New_York").map((h) => h.message)).toEqual([
      '02:00 and 02:30 do not exist on 2026-03-08 in America/New_York (clocks jump from 02:00 to 03:00): "*/30 * * * *" does not run at them (only a fixed time, a single second, minute and hour, moves past a gap)',
      '01:00 and 01:30 happen twice on 2026-11-01 in America/New_York (clocks go back from 02:00 to 01:00): "*/30 * * * *" runs at both',
    ]);
  });

  it.each([
    // Patterns that run every hour keep their real-time spacing through the change.
    ["*/30 * * * *", [true, true]],
    ["0 * * * *", [true, true]],
    ["* * * * * *", [true, true]],
    // Patterns bound to some hours lose or double a run.
    ["0 1,2,13,14 * * *", [false, false]],
    ["30 1-2 * * *", [false, false]],
    // Every hour, but only on some days: the transition day (a Sunday) is not one of them.
    ["0 * * * 1-5", []],
    ["30 1 * * *", [false]],
  ] as const)("%s: runsEveryHour %j", (cron, expected) => {
    expect(hazardsIn2026(cron, "America/New_York").map((h) => h.runsEveryHour)).toEqual(expected);
  });

  it("lists a few wall times of a per-second pattern and counts the rest", () => {
    const [gap, overlap] = hazardsIn2026("* * * * * *", "America/New_York");
    expect(gap?.wallTimes).toHaveLength(3600);
    expect(overlap?.wallTimes).toHaveLength(3600);
    expect(gap?.message).toBe(
      '02:00:00, 02:00:01, 02:00:02 and 3597 more do not exist on 2026-03-08 in America/New_York (clocks jump from 02:00:00 to 03:00:00): "* * * * * *" does not run at them (only a fixed time, a single second, minute and hour, moves past a gap)',
    );
  });

  it("reports a fixed time whose whole day was skipped (Samoa, 2011-12-30) as dropped", () => {
    const [hazard, ...rest] = dstHazards(
      compiled("0 12 * * *", "Pacific/Apia"),
      new Date("2011-12-01Z"),
      new Date("2012-01-01Z"),
    );
    expect(rest).toEqual([]);
    expect(hazard?.kind).toBe("gap_dropped");
    expect(hazard?.runsAt).toBeUndefined();
    expect(hazard?.message).toBe(
      '12:00 does not exist on 2011-12-30 in Pacific/Apia (clocks jump from 00:00 to 2011-12-31 00:00) and no later time is left that day: "0 12 * * *" does not run for 2011-12-30',
    );
  });

  it("agrees with the occurrences: a hazard's runsAt is the run nextOccurrences reports", () => {
    for (const [cron, zone] of [
      ["30 2 * * *", "America/New_York"],
      ["30 1 * * *", "America/New_York"],
      ["0 3 * * *", "Pacific/Chatham"],
      ["30 2 * * *", "Australia/Sydney"],
    ] as const) {
      const schedule = compiled(cron, zone);
      for (const hazard of dstHazards(schedule, ...YEAR_2026)) {
        const dayBefore = new Date(hazard.transition.at.getTime() - 86_400_000);
        const runs = nextOccurrences(schedule, dayBefore, 2);
        expect(
          runs.some((run) => run.utc.getTime() === hazard.runsAt?.utc.getTime() && run.dstTransitionDay),
        ).toBe(true);
      }
    }
  });

  it("carries the transition it comes from", () => {
    const [hazard] = hazardsIn2026("30 2 * * *", "America/New_York");
    expect(hazard?.transition).toEqual({
      at: new Date("2026-03-08T07:00:00Z"),
      kind: "gap",
      offsetBeforeMinutes: -300,
      offsetAfterMinutes: -240,
      wallBefore: "2026-03-08T02:00:00",
      wallAfter: "2026-03-08T03:00:00",
      localDates: ["2026-03-08"],
    });
  });
});
