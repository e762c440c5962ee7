/** Compile-time exhaustiveness for switches over closed tables; throws if a value slips through at run time. */
export function assertNever(value: never): never {
  throw new TypeError(`unexpected value: ${JSON.stringify(value)}`);
}
