import type { Random } from "../random.js";

/** One scripted balance: set at `atMs` (wall time) to `cents`. */
export interface ScriptedBalance {
  atMs: number;
  cents: number;
}

/** The levels the script moves between, relative to a threshold with hysteresis. */
export interface Levels {
  below: number;
  rearmAbove: number;
}

/**
 * The next balance for a `below:` threshold: under it, between it and the rearm level (changes
 * nothing), or above the rearm level — so crossings, holds and rearms all happen.
 */
export function nextBalance(random: Random, levels: Levels): number {
  switch (random.int(3)) {
    case 0:
      return random.between(1_000, levels.below - 1);
    case 1:
      return random.between(levels.below + 1, levels.rearmAbove - 1);
    default:
      return random.between(levels.rearmAbove, levels.rearmAbove + 50_000);
  }
}

/**
 * How many times a `below:` threshold with hysteresis may fire over these balances: a crossing
 * needs an armed trigger (a balance at or above `rearmAbove`, or the start) and a balance under
 * `below`. Any subsequence the daemon happens to poll has at most as many, so the daemon's
 * firings must not exceed this.
 */
export function countCrossings(balances: readonly number[], levels: Levels, armedAtStart = true): number {
  let armed = armedAtStart;
  let crossings = 0;
  for (const cents of balances) {
    if (cents >= levels.rearmAbove) armed = true;
    else if (cents < levels.below && armed) {
      crossings += 1;
      armed = false;
    }
  }
  return crossings;
}
