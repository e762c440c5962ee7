const SECONDS = /^\d+(?:\.\d+)?$/;
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT").
const ZONED_DATE = /^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;
// asctime ("Sun Nov  6 08:49:37 1994") carries no zone; HTTP defines it as GMT.
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * How long a `Retry-After` header asks us to wait, in ms, measured from `now`
 * (the injected clock's reading when the response arrived). Accepts both
 * forms HTTP allows: delay-seconds (`120`) and an HTTP-date. A date in the
 * past means "now" (0). Anything unparseable counts as absent (`undefined`).
 *
 * @example parseRetryAfter("30", now) // 30_000
 * @example parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", new Date("2026-01-01T00:00:00Z")) // 60_000
 */
export function parseRetryAfter(
  header: string | readonly string[] | undefined,
  now: Date,
): number | undefined {
  const raw = typeof header === "string" ? header : header?.[0];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (SECONDS.test(value)) {
    const ms = Math.ceil(Number(value) * 1000);
    return Number.isFinite(ms) ? ms : undefined;
  }
  let at = Number.NaN;
  if (ZONED_DATE.test(value)) at = Date.parse(value);
  else if (ASCTIME.test(value)) at = Date.parse(`${value} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
