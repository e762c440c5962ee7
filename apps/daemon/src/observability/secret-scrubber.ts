const REPLACEMENT = "<redacted>";

/**
 * Removes known secret values from text before it leaves the process. Path-based
 * redaction catches secrets where we expect them; this catches them anywhere
 * else (an error message that quotes a URL, a header echoed in a body…).
 */
export interface SecretScrubber {
  /** Replaces the set of values to scrub (called on every config load and reload). */
  setSecrets(values: Iterable<string>): void;
  scrub(text: string): string;
}

export function createSecretScrubber(): SecretScrubber {
  let needles: string[] = [];
  return {
    setSecrets(values) {
      const forms = new Set<string>();
      for (const value of values) {
        if (value.length === 0) continue;
        forms.add(value);
        // Inside JSON log lines the value appears escaped; scrub that form too.
        forms.add(JSON.stringify(value).slice(1, -1));
        forms.add(encodeURIComponent(value));
      }
      // Longest first, so a secret containing another is replaced whole.
      needles = [...forms].sort((a, b) => b.length - a.length);
    },
    scrub(text) {
      let result = text;
      for (const needle of needles) {
        if (result.includes(needle)) result = result.replaceAll(needle, REPLACEMENT);
      }
      return result;
    },
  };
}
