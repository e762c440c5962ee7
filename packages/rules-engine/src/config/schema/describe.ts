import type { DataPath } from "../yaml-nodes.js";

const SINGULAR = new Map([
  ["accounts", "account"],
  ["rules", "rule"],
  ["triggers", "trigger"],
  ["amounts", "amount"],
]);

/** How an error names the place it is about: the entity (`trigger "x"`) and the field inside it. */
export interface Subject {
  /** `trigger "checking-low"`, `test "tops up", step 2`, or "" at the top level and in settings. */
  entity: string;
  /** Dotted key path inside the entity (`threshold.for`), or the setting (`polling.every`). */
  field: string;
}

/** Splits a data path into the entity it belongs to and the field inside it. */
export function subjectOf(path: DataPath, data: unknown): Subject {
  const [section, id, ...rest] = path;
  const singular = typeof section === "string" ? SINGULAR.get(section) : undefined;
  if (singular && id !== undefined) return { entity: `${singular} "${id}"`, field: dotted(rest) };
  if (section === "tests" && typeof id === "number") {
    const name = testName(data, id);
    const [steps, step, ...inner] = rest;
    if (steps === "steps" && typeof step === "number") {
      return { entity: `${name}, step ${step + 1}`, field: dotted(inner) };
    }
    return { entity: name, field: dotted(rest) };
  }
  return { entity: "", field: dotted(path) };
}

/** `field in entity`, `entity`, or `field`, for the start of a message. */
export function subjectText(subject: Subject): string {
  if (subject.entity && subject.field) return `${subject.field} in ${subject.entity}`;
  return subject.entity || subject.field || "the file";
}

function testName(data: unknown, index: number): string {
  const tests = (data as { tests?: unknown } | null)?.tests;
  const name = Array.isArray(tests) ? (tests[index] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === "string" ? `test "${name}"` : `test #${index + 1}`;
}

function dotted(path: DataPath): string {
  return path
    .map((segment) => (typeof segment === "number" ? `[${segment}]` : segment))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** A value as an error message mentions it: `a list`, `the number 12.5`, `"yes"`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return value.length > 60 ? `"${value.slice(0, 57)}…"` : `"${value}"`;
  if (typeof value === "number") return `the number ${value}`;
  return String(value);
}

/** What a value of a def (or a plain JSON type) looks like, for "expected …". */
export function expectedOf(kind: string | undefined, type: unknown): string {
  switch (kind) {
    case "money":
      return "money like $1_500.25 or integer cents";
    case "nonNegativeMoney":
      return "money like $1_000 or integer cents";
    case "duration":
      return "a duration like 15m";
    case "secretRef":
      return "a secret reference like { env: NAME }";
    case "timezone":
      return "an IANA time zone like America/New_York";
    case "cron":
      return 'a cron pattern like "0 9 * * 1-5"';
    case "formula":
      return "a formula";
    case "id":
      return "an id";
    case "accountAlias":
      return "an account alias";
    case "httpUrl":
      return "a URL like https://…";
    case "testTime":
      return "a date and time like 2026-03-07T08:00:00";
    case "stepAt":
      return "a time like +20m or 2026-03-07T08:20:00";
    default:
      return expectedType(type);
  }
}

function expectedType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  if (types.includes("object")) return "a mapping";
  if (types.includes("array")) return "a list";
  if (types.includes("integer")) return "a whole number";
  if (types.includes("number")) return "a number";
  if (types.includes("boolean")) return "true or false";
  if (types.includes("string")) return "text";
  return "a different value";
}
