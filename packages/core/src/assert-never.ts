/** Compile-time exhaustiveness for switches over closed unions; throws if reached at run time. */
export function assertNever(value: never): never {
  throw new TypeError(`unhandled case: ${String(value)}`);
}
