/**
 * Occurrence identities. With the trigger id, an occurrence names one intended firing; the
 * ledger allows each at most once, and the idempotency key is derived from it.
 *
 * - schedule: the scheduled UTC instant, `2026-03-13T14:00:00.000Z` (Date#toISOString);
 * - threshold: the reducer's `crossing:<since>` (the hold's start), so one crossing claims once;
 * - manual (`seqd trigger`, the admin route): `manual:<ISO instant of the request>`;
 * - a summary of many missed schedule occurrences: `missed:<first ISO>..<last ISO>`.
 */

/** The occurrence of a schedule run at `instant`. */
export function scheduleOccurrence(instant: Date): string {
  return instant.toISOString();
}

/** The occurrence of a manual fire requested at `now`. */
export function manualOccurrence(now: Date): string {
  return `manual:${now.toISOString()}`;
}

/** The occurrence a summary of missed runs is recorded under (ranges never overlap: the cursor moves on). */
export function missedRangeOccurrence(first: Date, last: Date): string {
  return `missed:${first.toISOString()}..${last.toISOString()}`;
}
