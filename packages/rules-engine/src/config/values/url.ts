export type UrlCheck = { ok: true; url: string } | { ok: false; message: string; hint?: string };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Checks a URL seqd sends credentials to: absolute `https://`, or `http://` to a loopback
 * host (the simulator, tests). Never echoes user info, which could be a password.
 */
export function checkHttpUrl(text: string, what: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `${what} "${text}" is not an absolute URL`,
      hint: "write the full URL, starting with https://",
    };
  }
  if (url.username !== "" || url.password !== "") {
    return {
      ok: false,
      message: `${what} contains credentials (user:password@)`,
      hint: "remove them from the URL; credentials belong in secret fields, as { env: NAME } references",
    };
  }
  if (url.protocol === "https:") return { ok: true, url: text };
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return { ok: true, url: text };
  if (url.protocol === "http:") {
    return {
      ok: false,
      message: `${what} "${text}" uses plain http`,
      hint: "secrets travel with this request: use https:// (http is accepted only for 127.0.0.1, localhost, [::1])",
    };
  }
  return { ok: false, message: `${what} "${text}" must start with https://` };
}
