import type { IncomingHttpHeaders } from "node:http";
import { type Dispatcher, request } from "undici";
import { AbortedError, type CallSite, MalformedResponseError, type SequenceError } from "./errors.js";
import { errorFromTransport, type Timeouts } from "./transport-errors.js";

/** Sequence's answers are a few kB; anything past this is not an answer we can use. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One JSON POST to Sequence. */
export interface PostRequest extends CallSite {
  target: URL;
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  timeouts: Timeouts;
  /** Secret values sent in headers, scrubbed from any error. */
  secrets: readonly string[];
  signal?: AbortSignal | undefined;
}

/** The body is reported apart from the status: a 2xx whose body broke still tells us Sequence took the request. */
export type BodyOutcome = { ok: true; text: string } | { ok: false; error: SequenceError };

export interface PostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: BodyOutcome;
}

/**
 * Sends `POST target` with body `{}` and reads the whole answer. Throws a
 * {@link SequenceError} when no status line arrived; body failures after the
 * status are returned in `body` so each operation can decide what they mean.
 * Redirects are not followed: a credential must never be replayed to another URL.
 */
export async function postEmptyJson(req: PostRequest): Promise<PostResponse> {
  const site: CallSite = { op: req.op, method: req.method, url: req.url };
  if (req.signal?.aborted) throw new AbortedError({ ...site, sent: false, cause: req.signal.reason });
  let response: Dispatcher.ResponseData;
  try {
    response = await request(req.target, {
      method: "POST",
      headers: req.headers,
      body: "{}",
      dispatcher: req.dispatcher,
      headersTimeout: req.timeouts.headersMs,
      bodyTimeout: req.timeouts.bodyMs,
      signal: req.signal,
    });
  } catch (error) {
    throw errorFromTransport(error, {
      ...site,
      timeouts: req.timeouts,
      secrets: req.secrets,
      signal: req.signal,
    });
  }
  const status = response.statusCode;
  return { status, headers: response.headers, body: await readBody(response.body, req, site, status) };
}

async function readBody(
  body: Dispatcher.ResponseData["body"],
  req: PostRequest,
  site: CallSite,
  status: number,
): Promise<BodyOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_BODY_BYTES) {
        body.destroy();
        const reason = `the body is larger than ${MAX_BODY_BYTES} bytes`;
        return { ok: false, error: new MalformedResponseError({ ...site, status, reason }) };
      }
      chunks.push(buffer);
    }
  } catch (error) {
    const ctx = { ...site, timeouts: req.timeouts, secrets: req.secrets, signal: req.signal, status };
    return { ok: false, error: errorFromTransport(error, ctx) };
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
