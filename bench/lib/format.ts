/**
 * A measured quantity for tables: grouped thousands without decimals from
 * 1 000 up, fewer decimals as values grow, "–" when not measured.
 */
export function formatQuantity(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString("en-US");
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A cost ratio such as `1.24×`, or "–". */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${value.toFixed(2)}×`;
}

/** A maximum ratio such as `≤ 1.5×`, or "none" for a suite that reports a cost without a goal. */
export function formatGoal(value: number | null | undefined): string {
  return value === null || value === undefined ? "none" : `≤ ${value}×`;
}

/** A median with its spread: `2.39 (2.36–2.51)`. */
export function formatSpread(value: { min: number; median: number; max: number }): string {
  return `${formatQuantity(value.median)} (${formatQuantity(value.min)}–${formatQuantity(value.max)})`;
}
