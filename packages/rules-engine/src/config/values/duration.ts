import { quote } from "../suggest.js";

/** Milliseconds per unit of the duration syntax. */
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Durations beyond ten years are typos (and would lose exactness in milliseconds far sooner). */
export const MAX_DURATION_MS = 3650 * UNIT_MS.d;

export type DurationParse = { ok: true; ms: number } | { ok: false; message: string; hint?: string };

/**
 * Parses a config duration: a whole number and a unit (`30s`, `15m`, `6h`, `1d`), or
 * several units largest first (`1h30m`, `1d12h`). Returns milliseconds.
 *
 * @example parseDuration("1h30m") // { ok: true, ms: 5_400_000 }
 */
export function parseDuration(input: unknown): DurationParse {
  if (typeof input === "number") {
    return {
      ok: false,
      message: `${input} has no unit`,
      hint: `durations need a unit: "${input}s", "${input}m", "${input}h" or "${input}d"`,
    };
  }
  if (typeof input !== "string") return { ok: false, message: "expected a duration like 15m" };
  const match = input === "" ? null : DURATION.exec(input);
  if (!match) return { ok: false, ...explainBadDuration(input) };
  const [, d = "0", h = "0", m = "0", s = "0"] = match;
  const ms = Number(d) * UNIT_MS.d + Number(h) * UNIT_MS.h + Number(m) * UNIT_MS.m + Number(s) * UNIT_MS.s;
  if (!(ms <= MAX_DURATION_MS)) {
    return {
      ok: false,
      message: `${quote(input)} is longer than ten years`,
      hint: "check the number and the unit",
    };
  }
  return { ok: true, ms };
}

function explainBadDuration(text: string): { message: string; hint: string } {
  const message = `${quote(text)} is not a duration`;
  const trimmed = text.replace(/\s+/g, "");
  if (trimmed !== text && DURATION.test(trimmed)) return { message, hint: `remove the spaces: "${trimmed}"` };
  if (/^-/.test(text)) return { message, hint: "durations cannot be negative" };
  if (/^\d+(\.\d+)?$/.test(text)) return { message, hint: `add a unit: "${text}m" (units: s, m, h, d)` };
  if (/\d\.\d/.test(text))
    return { message, hint: 'use whole numbers and combine units: "1h30m", not "1.5h"' };
  if (/^\d+ms$/.test(text)) return { message, hint: "the smallest unit is s (seconds)" };
  const week = /^(\d+)w$/.exec(text);
  if (week) return { message, hint: `weeks are written in days: "${Number(week[1]) * 7}d"` };
  const long = /^(\d+)\s*(sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|day|days)$/i.exec(
    text,
  );
  if (long) return { message, hint: `write "${long[1]}${long[2]![0]!.toLowerCase()}" (units: s, m, h, d)` };
  if (/^(\d+[dhms])+$/.test(text))
    return { message, hint: "write each unit once, largest first: 1d6h, 1h30m" };
  return { message, hint: "write a whole number and a unit: 30s, 15m, 6h, 1d, or combine them: 1h30m" };
}

/** The shortest config form of a duration: `1h30m`, `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let text = "";
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return rest > 0 ? `${text}${rest}ms` : text;
}
