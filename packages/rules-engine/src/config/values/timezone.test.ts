import { describe, expect, it } from "vitest";
import { checkTimezone } from "./timezone.js";

describe("checkTimezone", () => {
  it.each([
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "UTC",
    "Etc/GMT+5",
  ])("accepts %s", (zone) => {
    expect(checkTimezone(zone)).toEqual({ ok: true });
  });

  it.each([
    [
      "America/New_Yrok",
      'unknown time zone "America/New_Yrok"',
      'use an IANA name like America/New_York (did you mean "America/New_York"?)',
    ],
    [
      "America/Los Angeles",
      'unknown time zone "America/Los Angeles"',
      'use an IANA name like America/New_York (did you mean "America/Los_Angeles"?)',
    ],
    [
      "Europe/Londn",
      'unknown time zone "Europe/Londn"',
      'use an IANA name like America/New_York (did you mean "Europe/London"?)',
    ],
    ["Mars/Olympus", 'unknown time zone "Mars/Olympus"', "use an IANA name like America/New_York"],
    [
      "EST",
      '"EST" is not a region time zone',
      "abbreviations are fixed offsets or ambiguous; write a region like America/New_York",
    ],
    [
      "PDT",
      '"PDT" is not a region time zone',
      "abbreviations are fixed offsets or ambiguous; write a region like America/Los_Angeles",
    ],
    ["+05:00", '"+05:00" is not a region time zone', "write an IANA name like America/New_York, or UTC"],
  ])("refuses %s", (zone, message, hint) => {
    expect(checkTimezone(zone)).toEqual({ ok: false, message, hint });
  });
});
