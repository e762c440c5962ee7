/** How hard the suites push: `short` runs in CI (`pnpm test`), `long` locally. */
export type ReliabilityMode = "short" | "long";

/** The env var that selects the mode: `SEQD_RELIABILITY=long pnpm test:reliability`. */
export const MODE_ENV = "SEQD_RELIABILITY";

/** Reads the mode; anything but `long` is `short`, so CI never runs the long suites by accident. */
export function reliabilityMode(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ReliabilityMode {
  return env[MODE_ENV] === "long" ? "long" : "short";
}

/**
 * Picks the figure for the current mode.
 *
 * @example
 * const cases = byMode({ short: 10_000, long: 100_000 });
 */
export function byMode<T>(figures: { short: T; long: T }, mode: ReliabilityMode = reliabilityMode()): T {
  return figures[mode];
}
