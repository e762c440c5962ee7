const UNITS = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
] as const;

/**
 * Short human form of a duration, in the units config uses, truncated (never
 * rounded up, so "14m 59s of 15m" cannot print as "15m of 15m").
 *
 * @example formatDuration(3_900_000) // "1h 5m"
 * @example formatDuration(250) // "250ms"
 */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1_000) return ms === 0 ? "0s" : `${Math.trunc(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.trunc(ms);
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.join(" ");
}
