import { didYouMean } from "@seqd/core";

/** Words longer than this get no suggestion: edit distance is quadratic, and no id is this long. */
const MAX_SUGGESTED_LENGTH = 100;

/**
 * core's `didYouMean`, guarded for untrusted input: a megabyte-long value compared
 * against 400 time zone names would take minutes.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  return word.length > MAX_SUGGESTED_LENGTH ? undefined : didYouMean(word, candidates);
}

/** A user value quoted for a message, shortened when long: `"abc"`, `"aaaa…" (1048576 characters)`. */
export function quote(text: string, max = 60): string {
  return text.length > max ? `"${text.slice(0, max - 1)}…" (${text.length} characters)` : `"${text}"`;
}
