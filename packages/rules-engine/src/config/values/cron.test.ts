import { describe, expect, it } from "vitest";
import { type CronCheckOptions, checkCron } from "./cron.js";

const base: CronCheckOptions = {
  timezone: "America/New_York",
  now: new Date("2026-03-01T00:00:00Z"),
  checkNeverFires: true,
};

describe("checkCron", () => {
  it.each([
    ["0 9 1,15 * *"],
    ["*/5 * * * *"],
    ["0 8 * * 1-5"],
    ["0 8 * * MON-FRI"],
    ["*/20 * * * * *"],
    ["0 0 L * *"],
    ["0 0 15W * *"],
    ["0 18 * * FRI#L"],
    ["0 9 * * MON#1"],
    ["0 0-23/2 * * *"],
    ["0 9 ? * *"],
    ["0 12 * JAN,JUL *"],
  ])("accepts %s", (pattern) => {
    expect(checkCron(pattern, base)).toEqual({ ok: true, restrictsBothDays: false });
  });

  it("requires dayMatch when both day-of-month and day-of-week are restricted", () => {
    expect(checkCron("0 9 1 * MON", base)).toMatchObject({ ok: false, code: "ambiguous-days" });
    expect(checkCron("0 9 1 * MON", { ...base, dayMatch: "any" })).toEqual({
      ok: true,
      restrictsBothDays: true,
    });
    expect(checkCron("0 9 1 * MON", { ...base, dayMatch: "all" })).toEqual({
      ok: true,
      restrictsBothDays: true,
    });
  });

  it("proves dayMatch: all patterns that can never match", () => {
    expect(checkCron("0 9 31 2 MON", { ...base, dayMatch: "all" })).toMatchObject({
      ok: false,
      code: "invalid-cron",
    });
    expect(checkCron("0 9 31 2 MON", { ...base, dayMatch: "any" })).toMatchObject({ ok: true });
  });

  it("skips the never-fires proof when the caller's budget is spent", () => {
    expect(checkCron("0 9 30 2 *", { ...base, checkNeverFires: false })).toMatchObject({ ok: true });
    expect(checkCron("0 9 30 2 *", base)).toMatchObject({
      ok: false,
      message: '"0 9 30 2 *" never fires: no date matches it',
    });
  });

  it.each([
    ["0 9 * * 8", 8, 'day-of-week 8 is out of range (0–7) in "8"'],
    ["0 24 * * *", 2, 'hour 24 is out of range (0–23) in "24"'],
    ["0 9 0 * *", 4, 'day-of-month 0 is out of range (1–31) in "0"'],
    ["0 9 1 13 *", 6, 'month 13 is out of range (1–12) in "13"'],
    ["60 * * * * *", 0, 'second 60 is out of range (0–59) in "60"'],
    ["0 9 1-40 * *", 4, 'day-of-month 40 is out of range (1–31) in "1-40"'],
  ])("%s: names the field and points at it", (pattern, offset, message) => {
    expect(checkCron(pattern, base)).toMatchObject({ ok: false, code: "invalid-cron", offset, message });
  });

  it("explains steps without a start and bad field contents", () => {
    expect(checkCron("*/5 /2 * * *", base)).toMatchObject({
      offset: 4,
      message: 'invalid hour field "/2": a step needs "*" or a range before "/"',
      hint: 'write "*/2" or "0-23/2"',
    });
    expect(checkCron("0 9 * * MO", base)).toMatchObject({
      offset: 8,
      message: 'invalid day-of-week field "MO"',
    });
  });

  it("refuses nicknames, the + modifier, and the wrong number of fields", () => {
    expect(checkCron("@weekly", base)).toMatchObject({ hint: 'write "0 0 * * 0"' });
    expect(checkCron("@reboot", base)).toMatchObject({
      ok: false,
      hint: 'write 5 fields, e.g. "0 9 * * 1-5"',
    });
    expect(checkCron("0 9 1 * +MON", base)).toMatchObject({
      ok: false,
      offset: 8,
      hint: 'write "MON" and set dayMatch: all',
    });
    expect(checkCron("0 9 * *", base)).toMatchObject({
      message: '"0 9 * *" has 4 fields, cron needs 5 or 6',
    });
    expect(checkCron("0 0 9 * * * 2027", base)).toMatchObject({
      message: '"0 0 9 * * * 2027" has 7 fields; the year field is not supported',
    });
  });
});
