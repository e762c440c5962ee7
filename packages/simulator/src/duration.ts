/** A parsed duration, or why it is not one. */
export type DurationParse = { ok: true; ms: number } | { ok: false; message: string; hint?: string };

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)(ms|s|m|h|d)$/;

/**
 * Parses a duration as written in a simulator state: `250ms`, `30s`, `15m`, `6h`, `1d`.
 * A bare number is refused: `window: 60` could mean seconds or milliseconds.
 *
 * @example parseDuration("60s") // { ok: true, ms: 60000 }
 */
export function parseDuration(input: unknown): DurationParse {
  if (typeof input === "number") {
    return {
      ok: false,
      message: `${input} has no unit`,
      hint: `write "${input}s" for seconds or "${input}ms"`,
    };
  }
  if (typeof input !== "string") {
    return { ok: false, message: `expected a duration like "30s", got ${typeof input}` };
  }
  const match = DURATION.exec(input.trim());
  if (!match) {
    return {
      ok: false,
      message: `"${input}" is not a duration`,
      hint: 'write a whole number and a unit: "250ms", "30s", "15m", "6h" or "1d"',
    };
  }
  const [, amount = "0", unit = "ms"] = match;
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(ms)) return { ok: false, message: `"${input}" is too long` };
  return { ok: true, ms };
}

/** Short human form of a duration in milliseconds: `60s`, `1500ms`, `24h`. */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"] as const) {
    const size = UNIT_MS[unit];
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
