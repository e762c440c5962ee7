const RESERVED = ["/healthz", "/readyz", "/metrics", "/admin"];

/** Explains why an amount path is malformed; used for both schema and semantic checks. */
export function explainAmountPath(path: string, about: string): { message: string; hint: string } {
  const fix = "write a path like /amount/top-up: segments of letters, digits, '.', '_', '~' and '-'";
  if (!path.startsWith("/"))
    return { message: `${about} "${path}" must start with "/"`, hint: `write "/${path}"` };
  if (path === "/") return { message: `${about} cannot be "/"`, hint: fix };
  if (path.includes("?") || path.includes("#")) {
    return {
      message: `${about} "${path}" must not contain a query or fragment`,
      hint: "the token goes in Sequence's URL (?token=…), not in the path",
    };
  }
  if (path.endsWith("/"))
    return { message: `${about} "${path}" must not end with "/"`, hint: `write "${path.slice(0, -1)}"` };
  if (path.includes("//")) return { message: `${about} "${path}" has an empty segment ("//")`, hint: fix };
  return { message: `${about} "${path}" contains characters that are not allowed in a path`, hint: fix };
}

/** The reserved route an amount path would clash with, if any (case-insensitive). */
export function reservedRoute(path: string): string | undefined {
  const lower = path.toLowerCase();
  return RESERVED.find((route) => lower === route || lower.startsWith(`${route}/`));
}
