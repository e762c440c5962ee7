/**
 * Rewrites croner's parse errors for people: field names instead of entry numbers, values as
 * written (croner reports day-of-month and month shifted by one) and the allowed range.
 */

interface Field {
  name: string;
  range: string;
  /** croner stores this field 0-based although it is written 1-based. */
  zeroBased: boolean;
}

const FIELDS = {
  second: { name: "second", range: "0-59", zeroBased: false },
  minute: { name: "minute", range: "0-59", zeroBased: false },
  hour: { name: "hour", range: "0-23", zeroBased: false },
  day: { name: "day-of-month", range: "1-31, L or W", zeroBased: true },
  nearestWeekdays: { name: "day-of-month", range: "1-31, L or W", zeroBased: true },
  month: { name: "month", range: "1-12 or JAN-DEC", zeroBased: true },
  dayOfWeek: { name: "day-of-week", range: "0-7 or SUN-SAT; 0 and 7 are Sunday", zeroBased: false },
} as const satisfies Record<string, Field>;

/** croner numbers the fields of the 7-field form it expands every pattern to. */
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

type Rewrite = (match: RegExpMatchArray, written: readonly string[]) => string | undefined;

const REWRITES: ReadonlyArray<readonly [RegExp, Rewrite]> = [
  [
    /^Invalid value for (\w+): (-?\d+)$/,
    ([, key = "", value = ""]) => {
      const field = fieldNamed(key);
      if (field === undefined) return undefined;
      const written = Number(value) + (field.zeroBased ? 1 : 0);
      return `${field.name} value ${written} is out of range (${field.range})`;
    },
  ],
  [
    /^(\w+) is not a number: '(.*)'$/,
    ([, key = "", text = ""]) => {
      const field = fieldNamed(key);
      return field && `${field.name} value "${text}" is not a number`;
    },
  ],
  [
    /^configuration entry (\d) \((.*)\) contains illegal characters\.$/,
    ([, entry = "", text = ""], written) => {
      const field = FIELD_BY_ENTRY[Number(entry)];
      return (
        field &&
        `${field.name} field "${written[Number(entry)] ?? text}" contains characters cron does not allow`
      );
    },
  ],
  [
    /^nth weekday out of range.*Value: (\w+)/,
    ([, value = ""]) => `day-of-week "#${value}" is out of range (#1-#5)`,
  ],
  [
    /^From value is larger than to value: '(.*)'$/,
    ([, range = ""]) => `range "${range}" runs from high to low`,
  ],
  [
    /^configuration entry (\w+) \((.*)\) is empty/,
    ([, key = ""]) => {
      const field = fieldNamed(key);
      return field && `${field.name} field has an empty value (check the commas)`;
    },
  ],
];

/**
 * A readable reason for a croner parse error (without croner's `CronPattern:` prefix).
 * `fields` are the pattern's fields as written (5 or 6).
 */
export function humanizeCronError(error: unknown, fields: readonly string[]): string {
  // croner numbers entries of the 6-field form, seconds first.
  const written = fields.length === 5 ? ["0", ...fields] : fields;
  const raw = (error instanceof Error ? error.message : String(error))
    .replace(/^CronPattern:\s*/, "")
    .replace(/^Syntax error,\s*/, "");
  for (const [pattern, rewrite] of REWRITES) {
    const match = raw.match(pattern);
    const rewritten = match && rewrite(match, written);
    if (rewritten) return rewritten;
  }
  return raw.replace(/\.$/, "");
}
