/**
 * The timing loop. run.ts imports this module once per measured function
 * (`loop.ts?site=…`), so each function gets its own call site and its own
 * type feedback: V8 can inline the hand-written functions and seqd's root
 * closure alike, which is the strictest comparison. A single shared loop
 * would make every call megamorphic and hide the cost of the closures.
 */

/** Nanoseconds per evaluation and the sum of all results (booleans count 0/1). */
export function measure(
  run: () => number | boolean,
  apply: (set: number) => void,
  sets: number,
  perSet: number,
): { ns: number; checksum: number } {
  let checksum = 0;
  const start = process.hrtime.bigint();
  for (let set = 0; set < sets; set++) {
    apply(set);
    for (let i = 0; i < perSet; i++) checksum += +run();
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  return { ns: elapsed / (sets * perSet), checksum };
}
