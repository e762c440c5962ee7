import type { IncomingHttpHeaders } from "node:http";

const REDACTED = "<redacted>";

/** Header names whose values are credentials. */
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-sequence-signature",
  "x-sequence-access-token",
  "cookie",
  "set-cookie",
]);

/** Field names (in queries, forms, JSON) whose values are treated as credentials. */
const SECRET_NAME = /token|secret|password|passwd|signature|authorization|api[_-]?key|credential/i;

/**
 * `url` with the value of every credential-like query parameter (`token` above all) replaced
 * by `<redacted>`, so a request line can be logged.
 *
 * @example redactUrl("/amount/top-up?token=abc&x=1") // "/amount/top-up?token=<redacted>&x=1"
 */
export function redactUrl(url: string): string {
  const start = url.indexOf("?");
  if (start === -1) return url;
  const parts = url
    .slice(start + 1)
    .split("&")
    .map((part) => {
      const equals = part.indexOf("=");
      const name = equals === -1 ? part : part.slice(0, equals);
      return equals !== -1 && SECRET_NAME.test(safeDecode(name)) ? `${name}=${REDACTED}` : part;
    });
  return `${url.slice(0, start)}?${parts.join("&")}`;
}

/** A copy of `headers` with credential headers replaced and `secrets` scrubbed from the rest. */
export function redactHeaders(
  headers: IncomingHttpHeaders,
  secrets: readonly string[],
): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (SECRET_HEADERS.has(name)) copy[name] = REDACTED;
    else copy[name] = Array.isArray(value) ? value.map((v) => scrub(v, secrets)) : scrub(value, secrets);
  }
  return copy;
}

/**
 * Request body text with credential-like fields blanked, without parsing it (the format is
 * undocumented): `"token": "…"` in JSON, `token=…` in forms, `token: …` in text, and every
 * occurrence of a known secret.
 */
export function redactBodyText(text: string, secrets: readonly string[]): string {
  const fields = text.replace(
    /("?)([\w.-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^&\s,;{}[\]"]+)/g,
    (match, quote: string, name: string, separator: string, value: string) =>
      SECRET_NAME.test(name)
        ? `${quote}${name}${quote}${separator}${value.startsWith('"') ? `"${REDACTED}"` : REDACTED}`
        : match,
  );
  return scrub(fields, secrets);
}

function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== "" && result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  }
  return result;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}
