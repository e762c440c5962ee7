import { isRecord, nonBlankString } from "./json.js";
import { oneLine } from "./redact.js";

/** What a 2xx trigger answer tells us; both fields are optional because the body may be anything. */
export interface TriggerBody {
  requestId?: string;
  message?: string;
}

/**
 * Reads the trigger success body `{code:"OK", message, data:{requestId}}`.
 * The request id sits in `data` on this endpoint but at the top level in the
 * generic envelope, so both places are read (`data` first).
 */
export function parseTriggerBody(body: unknown): TriggerBody {
  if (!isRecord(body)) return {};
  const data = isRecord(body["data"]) ? body["data"] : undefined;
  const requestId = nonBlankString(data?.["requestId"]) ?? nonBlankString(body["requestId"]);
  const message = nonBlankString(body["message"]);
  const out: TriggerBody = {};
  if (requestId !== undefined) out.requestId = oneLine(requestId, 128);
  if (message !== undefined) out.message = oneLine(message);
  return out;
}
