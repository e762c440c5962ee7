import { type Cents, didYouMean, parseMoney } from "@seqd/core";
import { parseDuration } from "../duration.js";
import { STATE_ISSUE, type StateIssue, type StateIssueCode } from "../errors.js";

export type Path = Array<string | number>;

/** A problem plus whether it points at a mapping key (unknown keys) rather than a value. */
export interface PendingIssue extends StateIssue {
  atKey: boolean;
}

/**
 * Collects every problem while walking a plain state object; each helper returns the
 * checked value or undefined, so validation goes on after the first problem. A value
 * that is undefined is missing: `object()` reports required keys once, so the value
 * helpers stay silent about it.
 */
export class Checker {
  readonly issues: PendingIssue[] = [];

  /**
   * @param isFloatLiteral tells whether the number at a path was written with a decimal
   * point or exponent in YAML (`2500.00`), which must not be read as cents.
   */
  constructor(private readonly isFloatLiteral: (path: Path) => boolean = () => false) {}

  add(code: StateIssueCode, path: Path, message: string, hint?: string, atKey = false): void {
    this.issues.push({ code, path, message, atKey, ...(hint ? { hint } : {}) });
  }

  /** A mapping with only the allowed keys and all the required ones. */
  object(
    value: unknown,
    path: Path,
    what: string,
    keys: { required?: readonly string[]; optional?: readonly string[] },
  ): Record<string, unknown> | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.add(STATE_ISSUE.wrongType, path, `${what} must be a mapping, got ${describe(value)}`);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    const allowed = [...new Set([...(keys.required ?? []), ...(keys.optional ?? [])])];
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      const guess = didYouMean(key, allowed);
      this.add(
        STATE_ISSUE.unknownKey,
        [...path, key],
        `unknown key "${key}" in ${what}`,
        guess ? `did you mean "${guess}"?` : `allowed: ${allowed.join(", ")}`,
        true,
      );
    }
    for (const key of keys.required ?? []) {
      if (record[key] === undefined) this.add(STATE_ISSUE.missingKey, path, `${what} needs "${key}"`);
    }
    return record;
  }

  list(value: unknown, path: Path, what: string): unknown[] | undefined {
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.add(STATE_ISSUE.wrongType, path, `${what} must be a list, got ${describe(value)}`);
    return undefined;
  }

  string(value: unknown, path: Path, what: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "string" && value.length > 0) return value;
    const hint = typeof value === "number" ? `quote it: "${value}"` : undefined;
    this.add(STATE_ISSUE.wrongType, path, `${what} must be a non-empty string, got ${describe(value)}`, hint);
    return undefined;
  }

  boolean(value: unknown, path: Path, what: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.add(STATE_ISSUE.wrongType, path, `${what} must be true or false, got ${describe(value)}`);
    return fallback;
  }

  integer(
    value: unknown,
    path: Path,
    what: string,
    range: { min: number; max?: number },
  ): number | undefined {
    const max = range.max ?? Number.MAX_SAFE_INTEGER;
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= range.min && value <= max) {
      return value;
    }
    const bounds = range.max === undefined ? `≥ ${range.min}` : `from ${range.min} to ${range.max}`;
    this.add(
      STATE_ISSUE.invalidValue,
      path,
      `${what} must be a whole number ${bounds}, got ${describe(value)}`,
    );
    return undefined;
  }

  oneOf<T extends string>(value: unknown, path: Path, what: string, options: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "string" && (options as readonly string[]).includes(value)) return value as T;
    const guess = typeof value === "string" ? didYouMean(value, options) : undefined;
    this.add(
      STATE_ISSUE.invalidValue,
      path,
      `${what} must be one of ${options.map((o) => `"${o}"`).join(", ")}, got ${describe(value)}`,
      guess ? `did you mean "${guess}"?` : undefined,
    );
    return undefined;
  }

  money(value: unknown, path: Path, what: string): Cents | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "number" && this.isFloatLiteral(path)) {
      this.add(
        STATE_ISSUE.invalidValue,
        path,
        `${what}: a number with a decimal point is not money`,
        `write "$${value}" for dollars, or an integer for cents`,
      );
      return undefined;
    }
    const parsed = parseMoney(value);
    if (parsed.ok) return parsed.cents;
    this.add(STATE_ISSUE.invalidValue, path, `${what}: ${parsed.message}`, parsed.hint);
    return undefined;
  }

  duration(value: unknown, path: Path, what: string): number | undefined {
    if (value === undefined) return undefined;
    const parsed = parseDuration(value);
    if (parsed.ok) return parsed.ms;
    this.add(STATE_ISSUE.invalidValue, path, `${what}: ${parsed.message}`, parsed.hint);
    return undefined;
  }

  /** Reports an id that names nothing in `known`, with the closest one as a hint. */
  reference(id: string | undefined, known: ReadonlySet<string>, path: Path, what: string): void {
    if (id === undefined || known.has(id)) return;
    const guess = didYouMean(id, known);
    this.add(
      STATE_ISSUE.unknownReference,
      path,
      `unknown ${what} "${id}"`,
      guess ? `did you mean "${guess}"?` : undefined,
    );
  }
}

/** How a wrong value reads in a message: `a list`, `string "abc"`, `number 5`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}
