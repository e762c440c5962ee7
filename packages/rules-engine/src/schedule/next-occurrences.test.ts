import { describe, expect, it } from "vitest";
import { nextOccurrences } from "./next-occurrences.js";
import { compiled } from "./test-helpers.js";

describe("nextOccurrences", () => {
  it("marks a fixed time moved past the spring-forward gap", () => {
    expect(
      nextOccurrences(compiled("30 2 * * *", "America/New_York"), new Date("2026-03-07T12:00:00Z"), 2),
    ).toMatchInlineSnapshot(`
      [
        {
          "dstTransitionDay": true,
          "local": "2026-03-08T03:00:00-04:00",
          "shiftedFromGap": true,
          "utc": 2026-03-08T07:00:00.000Z,
          "wallTime": "2026-03-08T02:30:00",
        },
        {
          "dstTransitionDay": false,
          "local": "2026-03-09T02:30:00-04:00",
          "utc": 2026-03-09T06:30:00.000Z,
          "wallTime": "2026-03-09T02:30:00",
        },
      ]
    `);
  });

  it("marks the first and second pass of a repeated hour", () => {
    expect(
      nextOccurrences(compiled("*/30 * * * *", "America/New_York"), new Date("2026-11-01T04:45:00Z"), 5),
    ).toMatchInlineSnapshot(`
      [
        {
          "dstTransitionDay": true,
          "local": "2026-11-01T01:00:00-04:00",
          "repeatedWallTime": "first",
          "utc": 2026-11-01T05:00:00.000Z,
          "wallTime": "2026-11-01T01:00:00",
        },
        {
          "dstTransitionDay": true,
          "local": "2026-11-01T01:30:00-04:00",
          "repeatedWallTime": "first",
          "utc": 2026-11-01T05:30:00.000Z,
          "wallTime": "2026-11-01T01:30:00",
        },
        {
          "dstTransitionDay": true,
          "local": "2026-11-01T01:00:00-05:00",
          "repeatedWallTime": "second",
          "utc": 2026-11-01T06:00:00.000Z,
          "wallTime": "2026-11-01T01:00:00",
        },
        {
          "dstTransitionDay": true,
          "local": "2026-11-01T01:30:00-05:00",
          "repeatedWallTime": "second",
          "utc": 2026-11-01T06:30:00.000Z,
          "wallTime": "2026-11-01T01:30:00",
        },
        {
          "dstTransitionDay": true,
          "local": "2026-11-01T02:00:00-05:00",
          "utc": 2026-11-01T07:00:00.000Z,
          "wallTime": "2026-11-01T02:00:00",
        },
      ]
    `);
  });

  it("runs a fixed time once in the repeated hour (southern hemisphere, April)", () => {
    expect(
      nextOccurrences(compiled("30 2 * * *", "Australia/Sydney"), new Date("2026-04-04T00:00:00Z"), 2),
    ).toMatchInlineSnapshot(`
      [
        {
          "dstTransitionDay": true,
          "local": "2026-04-05T02:30:00+11:00",
          "repeatedWallTime": "first",
          "utc": 2026-04-04T15:30:00.000Z,
          "wallTime": "2026-04-05T02:30:00",
        },
        {
          "dstTransitionDay": false,
          "local": "2026-04-06T02:30:00+10:00",
          "utc": 2026-04-05T16:30:00.000Z,
          "wallTime": "2026-04-06T02:30:00",
        },
      ]
    `);
  });

  it("moves a fixed time to 03:45 when Chatham jumps from 02:45", () => {
    expect(
      nextOccurrences(compiled("0 3 * * *", "Pacific/Chatham"), new Date("2026-09-26T00:00:00Z"), 2),
    ).toMatchInlineSnapshot(`
      [
        {
          "dstTransitionDay": true,
          "local": "2026-09-27T03:45:00+13:45",
          "shiftedFromGap": true,
          "utc": 2026-09-26T14:00:00.000Z,
          "wallTime": "2026-09-27T03:00:00",
        },
        {
          "dstTransitionDay": false,
          "local": "2026-09-28T03:00:00+13:45",
          "utc": 2026-09-27T13:15:00.000Z,
          "wallTime": "2026-09-28T03:00:00",
        },
      ]
    `);
  });

  it("marks a payday on fall-back day (09:00 is after the change: EST)", () => {
    expect(
      nextOccurrences(compiled("0 9 1,15 * *", "America/New_York"), new Date("2026-10-20T00:00:00Z"), 1),
    ).toMatchInlineSnapshot(`
      [
        {
          "dstTransitionDay": true,
          "local": "2026-11-01T09:00:00-05:00",
          "utc": 2026-11-01T14:00:00.000Z,
          "wallTime": "2026-11-01T09:00:00",
        },
      ]
    `);
  });

  it("refuses a count that is not a positive integer", () => {
    expect(() => nextOccurrences(compiled("0 9 * * *", "UTC"), new Date("2026-01-01Z"), 0)).toThrow(
      RangeError,
    );
  });
});
