import { didYouMean } from "@seqd/core";
import type { ScheduleError } from "./errors.js";

const REGION_EXAMPLE = 'use a region name such as "America/New_York", or "UTC"';

function knownZones(): string[] {
  return [...Intl.supportedValuesOf("timeZone"), "UTC"];
}

/**
 * Refuses anything but an IANA region name (or `UTC`). Legacy names without a region, such as
 * `EST`, are refused too: `EST` is a fixed UTC−5 with no daylight saving time, which is not what
 * someone writing it for New York means, and money would move an hour off for half the year.
 */
export function checkTimeZone(name: string): ScheduleError | undefined {
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    const suggestion = name.trim() === "" ? undefined : didYouMean(name, knownZones());
    return {
      code: "invalid_timezone",
      message: `unknown time zone "${name}"`,
      hint: suggestion === undefined ? REGION_EXAMPLE : `did you mean "${suggestion}"?`,
    };
  }
  if (name !== canonical && name.toLowerCase() === canonical.toLowerCase()) {
    return {
      code: "invalid_timezone",
      message: `time zone "${name}" is not spelled as in the tz database`,
      hint: `did you mean "${canonical}"?`,
    };
  }
  if (name === "UTC" || name.includes("/")) return undefined;
  const regionLike = canonical.includes("/") && name !== name.toUpperCase();
  return {
    code: "invalid_timezone",
    message: `time zone "${name}" is a legacy alias, not a region name`,
    hint: regionLike ? `did you mean "${canonical}"?` : REGION_EXAMPLE,
  };
}
