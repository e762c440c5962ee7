/**
 * Argument checks for the schedule functions. A bad argument is a programming error in the
 * caller (config problems are returned as data by compileSchedule), so these throw RangeError,
 * as the built-ins do.
 */

/** Epoch ms of a Date, refusing an invalid Date rather than computing with NaN. */
export function instantOf(name: string, value: Date): number {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}

/** Refuses anything but a positive safe integer. */
export function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

/** Refuses anything but a whole, non-negative, safe number of milliseconds. */
export function assertDuration(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of milliseconds ≥ 0, got ${value}`);
  }
}
