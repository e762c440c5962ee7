/**
 * Why a schedule was refused. Closed table: the config validator maps each code to an issue,
 * and every `switch` on a code is exhaustive.
 */
export const SCHEDULE_ERROR_CODES = {
  invalid_cron: "the cron pattern does not parse",
  invalid_timezone: "the time zone is not an IANA region name this runtime knows",
  ambiguous_day_match:
    "the pattern restricts both day-of-month and day-of-week, and dayMatch does not say how to combine them",
  never_matches: "the pattern matches no date at all",
} as const;

export type ScheduleErrorCode = keyof typeof SCHEDULE_ERROR_CODES;

/** A refused schedule, as data: `message` quotes the value, `hint` says what to do. */
export interface ScheduleError {
  code: ScheduleErrorCode;
  message: string;
  hint?: string;
  /** For `invalid_cron`: 0-based offset into `ScheduleSpec.cron` (as given) of the field at fault. */
  offset?: number;
}
