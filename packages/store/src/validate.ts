import { StoreError } from "./errors.js";

/**
 * Input checks at the store boundary. A value the store cannot faithfully persist is refused
 * with `INVALID_INPUT` before any SQL runs, so a bad call never half-writes.
 */

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:/|-]{1,36}$/;
const MAX_TEXT = 10_000;

/** A non-empty string of at most `max` characters. */
export function requireText(value: unknown, field: string, max = MAX_TEXT): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalid(`${field} must be a non-empty string, got ${describe(value)}`);
  }
  if (value.length > max) throw invalid(`${field} is ${value.length} characters long (at most ${max})`);
  return value;
}

/** Like {@link requireText}, for optional fields. */
export function optionalText(value: unknown, field: string, max = MAX_TEXT): string | null {
  return value === undefined ? null : requireText(value, field, max);
}

/** Sequence's idempotency-key rule: 1–36 characters of `[A-Za-z0-9._:/|-]`. */
export function requireIdempotencyKey(value: unknown): string {
  if (typeof value !== "string" || !IDEMPOTENCY_KEY.test(value)) {
    throw invalid(
      `idempotencyKey must be 1–36 characters of A-Z a-z 0-9 . _ : / | -, got ${describe(value)}`,
    );
  }
  return value;
}

/** A Date that is a real instant, as the ISO string both backends store. */
export function isoTime(value: unknown, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(`${field} must be a valid Date, got ${describe(value)}`);
  }
  return value.toISOString();
}

/** Like {@link isoTime}, for optional fields. */
export function optionalIsoTime(value: unknown, field: string): string | null {
  return value === undefined ? null : isoTime(value, field);
}

/** Integer cents (any sign), exactly representable. */
export function requireCents(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw invalid(`${field} must be integer cents, got ${describe(value)}`);
  }
  return value;
}

/** Like {@link requireCents}, for optional fields. */
export function optionalCents(value: unknown, field: string): number | null {
  return value === undefined ? null : requireCents(value, field);
}

/** An integer in `[min, max]`. */
export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** JSON text of a JSON-serializable value (`undefined`, functions, cycles and BigInt are refused). */
export function jsonText(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new StoreError("INVALID_INPUT", `${field} is not JSON-serializable`, { cause });
  }
  if (text === undefined) throw invalid(`${field} is not JSON-serializable, got ${describe(value)}`);
  return text;
}

function invalid(message: string): StoreError {
  return new StoreError("INVALID_INPUT", message);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  return typeof value === "object" ? (value === null ? "null" : "an object") : String(value);
}

/**
 * Text from outside (error messages, request ids) cut to `max` characters: recording a
 * failure must never itself fail because a server sent a long message.
 */
export function clippedText(value: string | undefined, max: number): string | null {
  if (value === undefined || value === "") return null;
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
