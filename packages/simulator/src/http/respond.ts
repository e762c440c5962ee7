import { createHash, timingSafeEqual } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Secret } from "@seqd/core";
import type { Context } from "hono";
import type { ActiveFault } from "../engine/faults.js";

/** The content type of every JSON answer (the real one is not documented). */
export const JSON_TYPE = "application/json; charset=utf-8";

/** Legacy error bodies: the first three are attested; the others are the simulator's guesses. */
export const LEGACY_ERRORS = {
  invalidAccessToken: { code: "INVALID_ACCESS_TOKEN", message: "Unauthorized" },
  invalidApiSecret: { code: "INVALID_API_SECRET", message: "Unauthorized" },
  invalidRequest: { code: "INVALID_REQUEST", message: "Invalid request" },
  unexpected: { code: "UNEXPECTED_ERROR", message: "Unexpected error" },
  routeNotFound: { code: "ROUTE_NOT_FOUND", message: "Route not found" },
  methodNotAllowed: { code: "METHOD_NOT_ALLOWED", message: "Method not allowed" },
  duplicateRequest: {
    code: "DUPLICATE_REQUEST",
    message: "A request with this idempotency-key has already been processed",
  },
} as const;

/** A JSON answer with an exact body text. */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": JSON_TYPE, ...headers } });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return jsonText(status, JSON.stringify(body), headers);
}

/** `Bearer <value>` → value; anything else → null. */
export function bearer(header: string | undefined): string | null {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  return match ? match[1]! : null;
}

/** Constant-time comparison (hashing first hides the length too). */
export function secretMatches(given: string, expected: Secret): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected.reveal()));
}

/**
 * The answer a replacing fault gives: a 5xx (JSON or plain text), a 200 whose JSON is
 * cut in half, or a reset connection (null status in events).
 */
export function faultAnswer(
  c: Context,
  fault: ActiveFault,
  wouldBe: string,
): { response: Response; status: number | null } {
  switch (fault.kind) {
    case "status": {
      const response =
        fault.body === "json"
          ? json(fault.status, LEGACY_ERRORS.unexpected)
          : new Response(STATUS_CODES[fault.status] ?? "Error", {
              status: fault.status,
              headers: { "content-type": "text/plain; charset=utf-8" },
            });
      return { response, status: fault.status };
    }
    case "malformed":
      return {
        response: jsonText(200, wouldBe.slice(0, Math.max(1, Math.floor(wouldBe.length / 2)))),
        status: 200,
      };
    case "reset": {
      const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
      socket?.destroy();
      // Without a socket (app.request in tests) there is nothing to reset: say so instead.
      return {
        response: new Response("connection reset (simulated)", {
          status: 502,
          headers: { "x-sim-fault": "reset" },
        }),
        status: null,
      };
    }
    case "latency":
    case "nullBalance":
    case "legacyShape":
      throw new TypeError(`fault "${fault.kind}" does not replace an answer`);
  }
}

/** The request body for events: text, at most 2 KiB. */
export async function bodyPreview(c: Context): Promise<string> {
  const text = await c.req.text().catch(() => "");
  return text.length > 2048 ? `${text.slice(0, 2048)}…` : text;
}
