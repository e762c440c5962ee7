import { checkTimeZone } from "../../schedule/time-zone-name.js";
import { quote, suggest } from "../suggest.js";

export type TimezoneCheck = { ok: true } | { ok: false; message: string; hint?: string };

let knownZones: readonly string[] | undefined;

/** Every IANA zone the runtime knows, plus UTC (which `supportedValuesOf` leaves out). */
function zones(): readonly string[] {
  knownZones ??= ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return knownZones;
}

/**
 * Checks an IANA time zone name against the runtime's tz database. Only `Area/Location`
 * names and `UTC` are accepted: abbreviations like `EST` are fixed offsets without
 * daylight saving time, which is never what a payday schedule means.
 */
export function checkTimezone(name: string): TimezoneCheck {
  if (name === "UTC") return { ok: true };
  if (!name.includes("/")) {
    return {
      ok: false,
      message: `${quote(name)} is not a region time zone`,
      hint: /^[A-Z]{3,4}(\d[A-Z]{3,4})?$/i.test(name)
        ? `abbreviations are fixed offsets or ambiguous; write a region like ${suggestRegion(name)}`
        : `write an IANA name like America/New_York, or UTC${suggestion(name)}`,
    };
  }
  if (isValid(name)) {
    // The schedule module's rule is the one that runs: it also refuses case variants the runtime tolerates.
    const strict = checkTimeZone(name);
    return strict === undefined ? { ok: true } : { ok: false, message: strict.message, ...hintOf(strict) };
  }
  return {
    ok: false,
    message: `unknown time zone ${quote(name)}`,
    hint: `use an IANA name like America/New_York${suggestion(name)}`,
  };
}

function hintOf(error: { hint?: string }): { hint?: string } {
  return error.hint === undefined ? {} : { hint: error.hint };
}

function isValid(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function suggestion(name: string): string {
  const guess = guessZone(name);
  return guess ? ` (did you mean "${guess}"?)` : "";
}

function guessZone(name: string): string | undefined {
  const underscored = name.trim().replace(/\s+/g, "_");
  if (underscored !== name && underscored.includes("/") && isValid(underscored)) {
    return zones().find((zone) => zone.toLowerCase() === underscored.toLowerCase()) ?? underscored;
  }
  const city = underscored.split("/").pop()?.toLowerCase();
  const byCity = zones().find((zone) => zone.split("/").pop()?.toLowerCase() === city);
  return byCity ?? suggest(underscored, zones());
}

const ABBREVIATIONS = new Map([
  ["EST", "America/New_York"],
  ["EDT", "America/New_York"],
  ["CST", "America/Chicago"],
  ["CDT", "America/Chicago"],
  ["MST", "America/Denver"],
  ["MDT", "America/Denver"],
  ["PST", "America/Los_Angeles"],
  ["PDT", "America/Los_Angeles"],
  ["GMT", "Europe/London or UTC"],
  ["BST", "Europe/London"],
  ["CET", "Europe/Paris"],
]);

function suggestRegion(abbreviation: string): string {
  const upper = abbreviation.toUpperCase();
  return ABBREVIATIONS.get(upper) ?? ABBREVIATIONS.get(upper.slice(-3)) ?? "America/New_York";
}
