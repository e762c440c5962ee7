import { quote } from "../suggest.js";

const RESERVED = ["/healthz", "/readyz", "/metrics", "/admin"];

/** Explains why an amount path is malformed (`about` names the field: `path in amount "x"`). */
export function explainAmountPath(path: string, about: string): { message: string; hint: string } {
  const fix = "write a path like /amount/top-up: segments of letters, digits, '.', '_', '~' and '-'";
  const bad = (problem: string, hint = fix) => ({ message: `${about}: ${quote(path)} ${problem}`, hint });
  if (!path.startsWith("/")) return bad('must start with "/"', `write "/${path}"`);
  if (path === "/") return bad("is the root; amount endpoints need their own path");
  if (path.includes("?") || path.includes("#")) {
    return bad(
      "must not contain a query or fragment",
      "the token goes in Sequence's URL (?token=…), not in the path",
    );
  }
  if (path.endsWith("/")) return bad('must not end with "/"', `write "${path.slice(0, -1)}"`);
  if (path.includes("//")) return bad('has an empty segment ("//")');
  return bad("contains characters that are not allowed in a path");
}

/** The reserved route an amount path would clash with, if any (case-insensitive). */
export function reservedRoute(path: string): string | undefined {
  const lower = path.toLowerCase();
  return RESERVED.find((route) => lower === route || lower.startsWith(`${route}/`));
}
