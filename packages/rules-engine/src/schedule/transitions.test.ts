import { describe, expect, it } from "vitest";
import { dstTransitions, isDstTransitionDay } from "./transitions.js";

const year = (y: number) => [new Date(`${y}-01-01T00:00:00Z`), new Date(`${y + 1}-01-01T00:00:00Z`)] as const;

/** [zone, year, transitions as "at kind wallBefore→wallAfter offsetBefore→offsetAfter"], checked against zdump. */
const EXPECTED: [string, number, string[]][] = [
  [
    "America/New_York",
    2026,
    [
      "2026-03-08T07:00:00.000Z gap 2026-03-08T02:00:00→2026-03-08T03:00:00 -300→-240",
      "2026-11-01T06:00:00.000Z overlap 2026-11-01T02:00:00→2026-11-01T01:00:00 -240→-300",
    ],
  ],
  [
    "America/New_York",
    2027,
    [
      "2027-03-14T07:00:00.000Z gap 2027-03-14T02:00:00→2027-03-14T03:00:00 -300→-240",
      "2027-11-07T06:00:00.000Z overlap 2027-11-07T02:00:00→2027-11-07T01:00:00 -240→-300",
    ],
  ],
  [
    "Europe/London",
    2026,
    [
      "2026-03-29T01:00:00.000Z gap 2026-03-29T01:00:00→2026-03-29T02:00:00 0→60",
      "2026-10-25T01:00:00.000Z overlap 2026-10-25T02:00:00→2026-10-25T01:00:00 60→0",
    ],
  ],
  [
    "Europe/London",
    2027,
    [
      "2027-03-28T01:00:00.000Z gap 2027-03-28T01:00:00→2027-03-28T02:00:00 0→60",
      "2027-10-31T01:00:00.000Z overlap 2027-10-31T02:00:00→2027-10-31T01:00:00 60→0",
    ],
  ],
  [
    "Australia/Sydney",
    2026,
    [
      "2026-04-04T16:00:00.000Z overlap 2026-04-05T03:00:00→2026-04-05T02:00:00 660→600",
      "2026-10-03T16:00:00.000Z gap 2026-10-04T02:00:00→2026-10-04T03:00:00 600→660",
    ],
  ],
  [
    "Australia/Sydney",
    2027,
    [
      "2027-04-03T16:00:00.000Z overlap 2027-04-04T03:00:00→2027-04-04T02:00:00 660→600",
      "2027-10-02T16:00:00.000Z gap 2027-10-03T02:00:00→2027-10-03T03:00:00 600→660",
    ],
  ],
  [
    "Pacific/Chatham",
    2026,
    [
      "2026-04-04T14:00:00.000Z overlap 2026-04-05T03:45:00→2026-04-05T02:45:00 825→765",
      "2026-09-26T14:00:00.000Z gap 2026-09-27T02:45:00→2026-09-27T03:45:00 765→825",
    ],
  ],
  [
    "Pacific/Chatham",
    2027,
    [
      "2027-04-03T14:00:00.000Z overlap 2027-04-04T03:45:00→2027-04-04T02:45:00 825→765",
      "2027-09-25T14:00:00.000Z gap 2027-09-26T02:45:00→2027-09-26T03:45:00 765→825",
    ],
  ],
  ["Asia/Kolkata", 2026, []],
  ["Asia/Kolkata", 2027, []],
  ["UTC", 2026, []],
];

describe("dstTransitions", () => {
  it.each(EXPECTED)("%s %i", (zone, y, expected) => {
    const [from, to] = year(y);
    const summary = dstTransitions(zone, from, to).map(
      (t) =>
        `${t.at.toISOString()} ${t.kind} ${t.wallBefore}→${t.wallAfter} ${t.offsetBeforeMinutes}→${t.offsetAfterMinutes}`,
    );
    expect(summary).toEqual(expected);
  });

  it("describes the affected local dates, including a gap at midnight and a skipped day", () => {
    const [from, to] = year(2026);
    expect(dstTransitions("America/New_York", from, to).map((t) => t.localDates)).toEqual([
      ["2026-03-08"],
      ["2026-11-01"],
    ]);
    // Santiago moves 24:00 → 01:00 in September: the skipped hour belongs to the 6th.
    const santiago = dstTransitions("America/Santiago", new Date("2026-09-01Z"), new Date("2026-09-30Z"));
    expect(santiago.map((t) => [t.wallBefore, t.wallAfter, t.localDates])).toEqual([
      ["2026-09-06T00:00:00", "2026-09-06T01:00:00", ["2026-09-06"]],
    ]);
    const apia = dstTransitions("Pacific/Apia", new Date("2011-12-01Z"), new Date("2012-01-01Z"));
    expect(apia.map((t) => [t.at.toISOString(), t.kind, t.localDates])).toEqual([
      ["2011-12-30T10:00:00.000Z", "gap", ["2011-12-30"]],
    ]);
  });

  it("bounds the window as (from, to]", () => {
    const at = new Date("2026-03-08T07:00:00Z");
    expect(dstTransitions("America/New_York", at, new Date("2026-03-09Z"))).toEqual([]);
    expect(dstTransitions("America/New_York", new Date("2026-03-07Z"), at)).toHaveLength(1);
  });
});

describe("isDstTransitionDay", () => {
  it.each([
    ["2026-03-08T04:59:59Z", "America/New_York", false], // 23:59:59 on the 7th
    ["2026-03-08T05:00:00Z", "America/New_York", true], // 00:00 on the 8th
    ["2026-03-09T03:59:59Z", "America/New_York", true], // 23:59:59 EDT on the 8th
    ["2026-03-09T04:00:00Z", "America/New_York", false],
    ["2026-11-01T23:00:00Z", "America/New_York", true],
    ["2026-10-04T12:00:00Z", "Australia/Sydney", true],
    ["2026-09-26T11:15:00Z", "Pacific/Chatham", true], // 00:00 on the 27th
    ["2026-03-08T12:00:00Z", "Asia/Kolkata", false],
    ["2026-09-05T12:00:00Z", "America/Santiago", false],
    ["2026-09-06T12:00:00Z", "America/Santiago", true],
  ] as const)("%s in %s: %s", (instant, zone, expected) => {
    expect(isDstTransitionDay(new Date(instant), zone)).toBe(expected);
  });

  it("refuses an invalid Date", () => {
    expect(() => isDstTransitionDay(new Date("nope"), "UTC")).toThrow(RangeError);
  });
});
