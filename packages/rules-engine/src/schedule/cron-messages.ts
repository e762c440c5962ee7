/**
 * Rewrites croner's parse errors for people: field names instead of entry numbers, values as
 * written (croner reports day-of-month and month shifted by one), the allowed range, and which
 * written field is at fault so the config can point at it.
 */

interface Field {
  name: string;
  range: string;
  /** croner stores this field 0-based although it is written 1-based. */
  zeroBased: boolean;
  /** Index in croner's 6-field form (seconds first). */
  entry: number;
  min: number;
  max: number;
}

const DAY = { name: "day-of-month", range: "1-31, L or W", zeroBased: true, entry: 3, min: 1, max: 31 };
const FIELDS = {
  second: { name: "second", range: "0-59", zeroBased: false, entry: 0, min: 0, max: 59 },
  minute: { name: "minute", range: "0-59", zeroBased: false, entry: 1, min: 0, max: 59 },
  hour: { name: "hour", range: "0-23", zeroBased: false, entry: 2, min: 0, max: 23 },
  day: DAY,
  nearestWeekdays: DAY,
  month: { name: "month", range: "1-12 or JAN-DEC", zeroBased: true, entry: 4, min: 1, max: 12 },
  dayOfWeek: {
    name: "day-of-week",
    range: "0-7 or SUN-SAT; 0 and 7 are Sunday",
    zeroBased: false,
    entry: 5,
    min: 0,
    max: 7,
  },
} as const satisfies Record<string, Field>;

/** croner numbers the fields of the 6-field form it expands every pattern to. */
const FIELD_BY_ENTRY: readonly Field[] = [
  FIELDS.second,
  FIELDS.minute,
  FIELDS.hour,
  FIELDS.day,
  FIELDS.month,
  FIELDS.dayOfWeek,
];

function fieldNamed(key: string): Field | undefined {
  return Object.hasOwn(FIELDS, key) ? FIELDS[key as keyof typeof FIELDS] : undefined;
}

/** A readable reason, the written field it concerns (0-based, as written: 5 or 6 fields) and a hint. */
export interface CronProblem {
  reason: string;
  field?: number;
  hint?: string;
}

/** The 6-field form as written: a 5-field pattern gets croner's implicit "0" seconds. */
interface Written {
  sixFields: readonly string[];
  /** Written index of a 6-field entry; undefined for the implicit seconds of a 5-field pattern. */
  indexOf(entry: number): number | undefined;
  /** The 6-field entry of a written index. */
  entryOf(index: number): number;
  /** Written index of the first field that is `text` or lists it. */
  find(text: string): number | undefined;
}

type Rewrite = (match: RegExpMatchArray, written: Written) => CronProblem | undefined;

const at = (written: Written, field: Field): { field?: number } => {
  const index = written.indexOf(field.entry);
  return index === undefined ? {} : { field: index };
};

const REWRITES: ReadonlyArray<readonly [RegExp, Rewrite]> = [
  [
    /^Invalid value for (\w+): (-?\d+)$/,
    ([, key = "", value = ""], written) => {
      const field = fieldNamed(key);
      if (field === undefined) return undefined;
      const shown = Number(value) + (field.zeroBased ? 1 : 0);
      return {
        reason: `${field.name} value ${shown} is out of range (${field.range})`,
        ...at(written, field),
      };
    },
  ],
  [
    /^(\w+) is not a number: '(.*)'$/,
    ([, key = "", text = ""], written) => {
      const field = fieldNamed(key);
      return field && { reason: `${field.name} value "${text}" is not a number`, ...at(written, field) };
    },
  ],
  [
    /^configuration entry (\d) \((.*)\) contains illegal characters\.$/,
    ([, entry = "", text = ""], written) => {
      const field = FIELD_BY_ENTRY[Number(entry)];
      return (
        field && {
          reason: `${field.name} field "${written.sixFields[Number(entry)] ?? text}" contains characters cron does not allow`,
          hint: `${field.name} accepts ${field.range}, lists, ranges and */steps`,
          ...at(written, field),
        }
      );
    },
  ],
  [
    /^nth weekday out of range.*Value: (\w+)/,
    ([, value = ""], written) => ({
      reason: `day-of-week "#${value}" is out of range (#1-#5)`,
      ...at(written, FIELDS.dayOfWeek),
    }),
  ],
  [
    /^From value is larger than to value: '(.*)'$/,
    ([, range = ""], written) => {
      const field = written.find(range);
      return { reason: `range "${range}" runs from high to low`, ...(field === undefined ? {} : { field }) };
    },
  ],
  [
    /^configuration entry (\w+) \((.*)\) is empty/,
    ([, key = ""], written) => {
      const field = fieldNamed(key);
      return (
        field && {
          reason: `${field.name} field has an empty value (check the commas)`,
          ...at(written, field),
        }
      );
    },
  ],
  [
    /^stepping with (?:numeric|missing) prefix \('(.*)'\) is not allowed/,
    ([, step = ""], written) => {
      const field = written.find(step);
      const entry = field === undefined ? undefined : FIELD_BY_ENTRY[written.entryOf(field)];
      const slash = step.indexOf("/");
      const every = step.slice(slash + 1);
      const start = step.slice(0, slash) || String(entry?.min ?? 0);
      return {
        reason: `${entry ? `${entry.name} field` : "field"} "${step}": a step needs "*" or a range before "/"`,
        hint: `write "*/${every}"${entry ? ` or "${start}-${entry.max}/${every}"` : ""}`,
        ...(field === undefined ? {} : { field }),
      };
    },
  ],
];

/**
 * A readable reason for a croner parse error (without croner's `CronPattern:` prefix), the
 * written field at fault when one is, and a hint. `fields` are the pattern's fields as written.
 */
export function humanizeCronError(error: unknown, fields: readonly string[]): CronProblem {
  const five = fields.length === 5;
  const written: Written = {
    sixFields: five ? ["0", ...fields] : fields,
    indexOf: (entry) => (five ? (entry === 0 ? undefined : entry - 1) : entry),
    entryOf: (index) => (five ? index + 1 : index),
    find: (text) => {
      const index = fields.findIndex((field) => field === text || field.split(",").includes(text));
      return index < 0 ? undefined : index;
    },
  };
  const raw = (error instanceof Error ? error.message : String(error))
    .replace(/^CronPattern:\s*/, "")
    .replace(/^Syntax error,\s*/, "");
  for (const [pattern, rewrite] of REWRITES) {
    const match = raw.match(pattern);
    const rewritten = match && rewrite(match, written);
    if (rewritten) return rewritten;
  }
  return { reason: raw.replace(/\.$/, "") };
}
