import { LIMITS } from "../limits.js";

/** A JSON Schema node, as plain data (published as JSON, compiled by ajv). */
export type SchemaNode = { [key: string]: unknown };

/** `{ $ref }` to a definition, with an optional description shown by editors. */
export function ref(name: string, description?: string): SchemaNode {
  return { $ref: `#/$defs/${name}`, ...(description ? { description } : {}) };
}

const MONEY_PATTERN = "^-?\\$[0-9]+(_[0-9]+)*(\\.[0-9]{1,2})?$";
const NON_NEGATIVE_MONEY_PATTERN = "^\\$[0-9]+(_[0-9]+)*(\\.[0-9]{1,2})?$";
const DURATION_PATTERN = "^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$";
const ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
const ALIAS_PATTERN = "^[A-Za-z][A-Za-z0-9_]{0,63}$";
const ENV_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";
const TIME_PATTERN =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?$";
const STEP_AT_PATTERN = `^(\\+([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?|${TIME_PATTERN.slice(1, -1)})$`;
export const AMOUNT_PATH_PATTERN = "^(/[A-Za-z0-9._~-]+)+$";

/**
 * Definitions of value types. The loader recognises them by name in ajv's `schemaPath`
 * (`#/$defs/money/pattern`) to phrase errors the way each type is written.
 */
export const VALUE_DEFS: Record<string, SchemaNode> = {
  money: {
    title: "Money",
    description:
      'Dollars as a string with "$" ("$1_500.25", "$12", "-$40"; "_" groups digits, at most two decimals) or an integer number of cents (150025).',
    type: ["string", "integer"],
    pattern: MONEY_PATTERN,
    examples: ["$1_500", "$12.50", 150025],
  },
  nonNegativeMoney: {
    title: "Money (zero or more)",
    description:
      'Dollars as a string with "$" ("$1_000", "$0.50") or an integer number of cents; not negative.',
    type: ["string", "integer"],
    pattern: NON_NEGATIVE_MONEY_PATTERN,
    minimum: 0,
    examples: ["$1", "$1_000"],
  },
  duration: {
    title: "Duration",
    description: "A whole number and a unit: 30s, 15m, 6h, 1d; units combine largest first: 1h30m, 1d12h.",
    type: "string",
    pattern: DURATION_PATTERN,
    minLength: 2,
    examples: ["30s", "15m", "6h", "1d", "1h30m"],
  },
  secretRef: {
    title: "Secret reference",
    description:
      "Where a secret comes from: { env: NAME } (an environment variable) or { file: path } (a file, relative to this config file; one trailing newline is trimmed). Never the secret itself.",
    type: "object",
    properties: {
      env: { type: "string", pattern: ENV_NAME_PATTERN, description: "Environment variable name." },
      file: { type: "string", minLength: 1, description: "Path of a file holding the secret." },
    },
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    examples: [{ env: "TOPUP_RULE_SECRET" }, { file: "/run/secrets/topup" }],
  },
  timezone: {
    title: "Time zone",
    description: "An IANA time zone name: America/New_York, Europe/London, UTC.",
    type: "string",
    minLength: 1,
    examples: ["America/New_York", "Europe/London", "UTC"],
  },
  cron: {
    title: "Cron pattern",
    description:
      "5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field. croner 11 syntax: * , - / L W #; ? is the same as *.",
    type: "string",
    minLength: 1,
    examples: ["0 9 1,15 * *", "0 8 * * 1-5", "*/20 * * * * *"],
  },
  formula: {
    title: "Formula",
    description: "An expression over balances: balance(checking) - $2_000, clamp(…), min(…), max(…), pct(…).",
    type: "string",
    minLength: 1,
    maxLength: LIMITS.maxFormulaLength,
  },
  id: {
    title: "Id",
    description: 'Letters, digits, "-" and "_", starting with a letter or digit; at most 64 characters.',
    type: "string",
    pattern: ID_PATTERN,
  },
  accountAlias: {
    title: "Account alias",
    description:
      'Letters, digits and "_", starting with a letter; at most 64 characters (used in formulas as balance(alias)).',
    type: "string",
    pattern: ALIAS_PATTERN,
  },
  httpUrl: {
    title: "URL",
    description: "An absolute https:// URL (http:// only to 127.0.0.1, localhost or [::1]).",
    type: "string",
    pattern: "^[A-Za-z][A-Za-z0-9+.-]*://",
  },
  testTime: {
    title: "Test time",
    description:
      "ISO date and time, in the config timezone unless an offset is given: 2026-03-07T08:00:00, 2026-03-07T08:00:00-05:00.",
    type: "string",
    pattern: TIME_PATTERN,
  },
  stepAt: {
    title: "Step time",
    description:
      "An absolute test time (2026-03-07T08:20:00) or +duration counted from the test's start (+20m).",
    type: "string",
    pattern: STEP_AT_PATTERN,
  },
};
