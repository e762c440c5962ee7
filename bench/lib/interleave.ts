/**
 * The order of `count` measurements in round `round`: rotated by one each
 * round, so no measurement always runs first or last and drift on a shared
 * machine (neighbours, thermal state) hits every side alike.
 */
export function roundOrder(count: number, round: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + round) % count);
}

/**
 * Runs every measurement once per round for `rounds` rounds in rotating
 * order; returns the samples per measurement, in the order given.
 */
export async function interleave<T>(measures: readonly (() => Promise<T>)[], rounds: number): Promise<T[][]> {
  const samples: T[][] = measures.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const index of roundOrder(measures.length, round)) {
      samples[index]!.push(await measures[index]!());
    }
  }
  return samples;
}
