import { isRecord, nonBlankString, tryParseJson } from "./json.js";
import { oneLine } from "./redact.js";

/** What an error response body says, whatever its shape. */
export interface ErrorBody {
  /** Sequence's raw code string, when the body carried one. */
  code?: string;
  /** Sequence's message, or a one-line summary of a non-JSON body. */
  message?: string;
  requestId?: string;
}

/**
 * Reads an error body in any of the shapes Sequence uses: flat
 * `{code, message}` (legacy), nested `{error: {code, message}}` (Platform),
 * or plain text / HTML / empty (proxies and 5xx pages).
 *
 * @example parseErrorBody('{"code":"INVALID_API_SECRET","message":"Unauthorized"}')
 * // { code: "INVALID_API_SECRET", message: "Unauthorized" }
 */
export function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === "") return {};
  const json = tryParseJson(trimmed);
  if (isRecord(json)) return fromJson(json);
  if (trimmed.startsWith("<")) return fromHtml(trimmed);
  return { message: oneLine(trimmed) };
}

function fromJson(body: Record<string, unknown>): ErrorBody {
  const nested = isRecord(body["error"]) ? body["error"] : undefined;
  const data = isRecord(body["data"]) ? body["data"] : undefined;
  const out: ErrorBody = {};
  const code = nonBlankString(nested?.["code"]) ?? nonBlankString(body["code"]);
  // A bare string in `error` is the message, as some gateways send it.
  const message =
    nonBlankString(nested?.["message"]) ?? nonBlankString(body["message"]) ?? nonBlankString(body["error"]);
  const requestId =
    nonBlankString(body["requestId"]) ??
    nonBlankString(nested?.["requestId"]) ??
    nonBlankString(data?.["requestId"]);
  if (code !== undefined) out.code = oneLine(code, 64);
  if (message !== undefined) out.message = oneLine(message);
  if (requestId !== undefined) out.requestId = oneLine(requestId, 128);
  return out;
}

function fromHtml(html: string): ErrorBody {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const message = title === undefined ? "" : oneLine(title);
  return message === "" ? {} : { message };
}
