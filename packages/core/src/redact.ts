const REDACTED = "<secret>";
const MAX_TEXT = 200;

/**
 * Replaces every occurrence of each secret value in `text` with `<secret>`.
 * Used on text that came back from the network, in case a server echoes a
 * credential in an error message.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.replaceAll(secret, REDACTED);
  }
  return out;
}

/**
 * The part of a URL that is safe to print: origin and path. User info, query
 * and fragment are dropped because they are where tokens hide.
 */
export function describeUrl(url: URL): string {
  return url.origin + url.pathname;
}

/** Collapses whitespace and cuts long server text to one readable line. */
export function oneLine(text: string, max: number = MAX_TEXT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
