/** The spread of a set of samples: what every suite prints beside its medians. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Min, median (mean of the middle two for an even count) and max of `samples`. */
export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new RangeError("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** Geometric mean: the right average for ratios and for times of differently sized cases. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("no values");
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** `value` rounded to `digits` decimals, as a number (for JSON output). */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Every field of a spread rounded to `digits` decimals. */
export function roundSpread(value: Spread, digits = 2): Spread {
  return {
    min: round(value.min, digits),
    median: round(value.median, digits),
    max: round(value.max, digits),
  };
}
