import { quote } from "../suggest.js";
export type UrlCheck = { ok: true; url: string } | { ok: false; message: string; hint?: string };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Checks a URL seqd sends credentials to: absolute `https://`, or `http://` to a loopback
 * host (the simulator, tests). `about` names the field (`url in rule "x"`). Never echoes a
 * URL that carries user info, which could be a password.
 */
export function checkHttpUrl(text: string, about: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `${about}: ${quote(text)} is not an absolute URL`,
      hint: "write the full URL, starting with https://",
    };
  }
  if (url.username !== "" || url.password !== "") {
    return {
      ok: false,
      message: `${about}: the URL contains credentials (user:password@)`,
      hint: "remove them; credentials belong in secret fields, as { env: NAME } references",
    };
  }
  if (url.protocol === "https:") return { ok: true, url: text };
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return { ok: true, url: text };
  if (url.protocol === "http:") {
    return {
      ok: false,
      message: `${about}: ${quote(text)} uses plain http`,
      hint: "secrets travel with this request: use https:// (http is accepted only for 127.0.0.1, localhost, [::1])",
    };
  }
  return { ok: false, message: `${about}: ${quote(text)} must start with https://` };
}
