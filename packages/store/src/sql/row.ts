import { StoreError } from "../errors.js";
import type { Row } from "./driver.js";

/**
 * Column readers shared by both backends. Postgres returns BIGINT and COUNT as strings and
 * timestamptz as Date; SQLite returns numbers and ISO text. Anything unexpected is a bug or
 * a tampered database, reported as `INTERNAL` rather than silently coerced.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function column(row: Row, name: string): unknown {
  if (!(name in row)) throw new StoreError("INTERNAL", `result has no column "${name}"`);
  return row[name];
}

/** A non-null text column. */
export function readText(row: Row, name: string): string {
  const value = column(row, name);
  if (typeof value !== "string") throw badColumn(name, value, "text");
  return value;
}

/** A nullable text column (`null` → `undefined`). */
export function readOptionalText(row: Row, name: string): string | undefined {
  const value = column(row, name);
  return value === null ? undefined : readText(row, name);
}

/** A non-null integer column, converted exactly; beyond 2^53 is an error, never a rounded number. */
export function readInt(row: Row, name: string): number {
  const value = column(row, name);
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  const big =
    typeof value === "bigint"
      ? value
      : typeof value === "string" && /^-?\d+$/.test(value)
        ? BigInt(value)
        : undefined;
  if (big !== undefined && big <= MAX_SAFE && big >= -MAX_SAFE) return Number(big);
  throw badColumn(name, value, "safe integer");
}

/** A nullable integer column. */
export function readOptionalInt(row: Row, name: string): number | undefined {
  return column(row, name) === null ? undefined : readInt(row, name);
}

/** A non-null timestamp column (ISO text or Date). */
export function readTime(row: Row, name: string): Date {
  const value = column(row, name);
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw badColumn(name, value, "timestamp");
  return date;
}

/** A nullable timestamp column. */
export function readOptionalTime(row: Row, name: string): Date | undefined {
  return column(row, name) === null ? undefined : readTime(row, name);
}

/** A JSON text column, parsed. */
export function readJson(row: Row, name: string): unknown {
  const text = readText(row, name);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StoreError("INTERNAL", `column "${name}" holds invalid JSON`, { cause });
  }
}

function badColumn(name: string, value: unknown, expected: string): StoreError {
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  return new StoreError("INTERNAL", `column "${name}" is not a ${expected}: ${shown}`);
}
