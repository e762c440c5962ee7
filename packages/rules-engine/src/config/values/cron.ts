import { Cron } from "croner";
/** How a pattern that restricts both day-of-month and day-of-week combines them. */
import type { DayMatch } from "../../schedule/index.js";
import { quote } from "../suggest.js";

export type { DayMatch };

export interface CronCheckOptions {
  timezone: string;
  dayMatch?: DayMatch | undefined;
  now: Date;
  /** Whether to prove the pattern fires at least once after `now` (bounded by the caller). */
  checkNeverFires: boolean;
}

export type CronCheck =
  | { ok: true; restrictsBothDays: boolean }
  | {
      ok: false;
      code: "invalid-cron" | "ambiguous-days";
      message: string;
      hint?: string;
      /** Offset of the offending field inside the pattern, when one field is at fault. */
      offset?: number;
    };

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** What the field accepts, for hints. */
  accepts: string;
}

const SECOND: FieldSpec = { name: "second", min: 0, max: 59, accepts: "0-59, *, lists, ranges, */step" };
const FIVE_FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59, accepts: "0-59, *, lists, ranges, */step" },
  { name: "hour", min: 0, max: 23, accepts: "0-23, *, lists, ranges, */step" },
  { name: "day-of-month", min: 1, max: 31, accepts: "1-31, L (last day), 15W (nearest weekday), *" },
  { name: "month", min: 1, max: 12, accepts: "1-12 or JAN-DEC, *" },
  { name: "day-of-week", min: 0, max: 7, accepts: "0-7 or SUN-SAT (0 and 7 are Sunday), MON#2, FRI#L, *" },
];

const NICKNAMES = new Map([
  ["@yearly", "0 0 1 1 *"],
  ["@annually", "0 0 1 1 *"],
  ["@monthly", "0 0 1 * *"],
  ["@weekly", "0 0 * * 0"],
  ["@daily", "0 0 * * *"],
  ["@midnight", "0 0 * * *"],
  ["@hourly", "0 * * * *"],
]);

/**
 * The croner 11.0.1 options seqd always uses: 5 or 6 fields, strict stepping
 * (`*\/5`, `0-30/5`, never `5/5`), standard weekday numbers (0 or 7 = Sunday).
 */
export function cronerOptions(timezone: string, dayMatch: DayMatch | undefined) {
  return {
    timezone,
    paused: true,
    mode: "5-or-6-parts",
    sloppyRanges: false,
    alternativeWeekdays: false,
    domAndDow: dayMatch === "all",
  } as const;
}

/**
 * Validates a cron pattern the way the scheduler will run it (croner 11.0.1), with
 * messages that name the field at fault. Patterns restricting both day-of-month and
 * day-of-week must say how to combine them (`dayMatch`); `?` is croner's alias for `*`.
 */
export function checkCron(pattern: string, options: CronCheckOptions): CronCheck {
  const trimmed = pattern.trim();
  const nickname = NICKNAMES.get(trimmed.toLowerCase());
  if (nickname !== undefined || trimmed.startsWith("@")) {
    return {
      ok: false,
      code: "invalid-cron",
      message: `${quote(trimmed)} is a nickname; seqd needs the cron fields written out`,
      hint: nickname ? `write "${nickname}"` : 'write 5 fields, e.g. "0 9 * * 1-5"',
    };
  }
  const fields = [...pattern.matchAll(/\S+/g)].map((m) => ({ text: m[0], offset: m.index }));
  if (fields.length < 5 || fields.length > 6) {
    return {
      ok: false,
      code: "invalid-cron",
      message:
        fields.length === 7
          ? `${quote(trimmed)} has 7 fields; the year field is not supported`
          : `${quote(trimmed)} has ${fields.length} field${fields.length === 1 ? "" : "s"}, cron needs 5 or 6`,
      hint: "5 fields: minute hour day-of-month month day-of-week (6: a leading second field)",
    };
  }
  const specs = fields.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [index, field] of fields.entries()) {
    const problem = checkFieldSyntax(field.text, specs[index]!);
    if (problem) return { ok: false, code: "invalid-cron", ...problem, offset: field.offset };
  }
  let cron: Cron;
  try {
    cron = new Cron(pattern, cronerOptions(options.timezone, options.dayMatch));
  } catch (error) {
    // Parsing each field alone (the others as "*") tells which one croner objects to.
    for (const [index, field] of fields.entries()) {
      const problem = probeField(
        fields.map((f) => f.text),
        index,
        specs[index]!,
      );
      if (problem) return { ok: false, code: "invalid-cron", ...problem, offset: field.offset };
    }
    return { ok: false, code: "invalid-cron", message: `invalid cron pattern: ${humanize(error)}` };
  }
  const dom = fields[fields.length - 3]!.text;
  const dow = fields[fields.length - 1]!.text;
  const restrictsBothDays = !isWild(dom) && !isWild(dow);
  if (restrictsBothDays && options.dayMatch === undefined) {
    return {
      ok: false,
      code: "ambiguous-days",
      message: `${quote(trimmed)} restricts both day-of-month (${dom}) and day-of-week (${dow})`,
      hint: `add dayMatch: any (runs when either matches, like Vixie cron) or dayMatch: all (only when both match)`,
    };
  }
  if (options.checkNeverFires && cron.nextRun(options.now) === null) {
    return {
      ok: false,
      code: "invalid-cron",
      message: `${quote(trimmed)} never fires: no date matches it`,
      hint: "check the day-of-month and month fields (e.g. there is no February 30)",
    };
  }
  return { ok: true, restrictsBothDays };
}

function isWild(field: string): boolean {
  return field === "*" || field === "?";
}

/** Checks what croner's messages get wrong: plain numbers out of range (croner shifts day and month by one), steps without a start, the "+" prefix. */
function checkFieldSyntax(text: string, spec: FieldSpec): { message: string; hint?: string } | undefined {
  if (spec.name === "day-of-week" && text.startsWith("+")) {
    return {
      message: `the "+" prefix on day-of-week (${quote(text)}) is not used in seqd`,
      hint: `write "${text.slice(1)}" and set dayMatch: all`,
    };
  }
  for (const part of text.split(",")) {
    const step = /^(\d*)\/(\d+)$/.exec(part);
    if (step) {
      return {
        message: `invalid ${spec.name} field ${quote(text)}: a step needs "*" or a range before "/"`,
        hint: `write "*/${step[2]}" or "${step[1] || spec.min}-${spec.max}/${step[2]}"`,
      };
    }
    const numeric = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!numeric) continue;
    for (const value of [numeric[1], numeric[2]]) {
      if (value !== undefined && (Number(value) < spec.min || Number(value) > spec.max)) {
        return {
          message: `${spec.name} ${value} is out of range (${spec.min}–${spec.max}) in ${quote(text)}`,
          ...(spec.name === "day-of-week" ? { hint: "0 or 7 is Sunday, 1 Monday … 6 Saturday" } : {}),
        };
      }
    }
  }
  return undefined;
}

/** croner's verdict on one field, the others replaced by "*". */
function probeField(
  all: readonly string[],
  index: number,
  spec: FieldSpec,
): { message: string; hint: string } | undefined {
  const text = all[index]!;
  const probe = all.map((field, i) => (i === index ? field : "*")).join(" ");
  try {
    new Cron(probe, cronerOptions("UTC", undefined));
  } catch (error) {
    const illegal = /illegal characters/.test(error instanceof Error ? error.message : "");
    return {
      message: illegal
        ? `invalid ${spec.name} field ${quote(text)}`
        : `invalid ${spec.name} field ${quote(text)}: ${humanize(error)}`,
      hint: `${spec.name} accepts ${spec.accepts}`,
    };
  }
  return undefined;
}

/** croner's error text, minus its prefixes, in seqd's lower-case style. */
function humanize(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const illegal = /configuration entry \d+ \((.*)\) contains illegal characters/.exec(raw);
  if (illegal) return `${quote(illegal[1] ?? "")} contains characters cron does not accept here`;
  if (/Invalid value for/.test(raw)) return "a value is out of range for this field";
  const text = raw
    .replace(/^CronPattern: /, "")
    .replace(/^Syntax error, /, "")
    .replace(/\.$/, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}
