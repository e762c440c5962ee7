import { connect } from "node:net";
import { Readable } from "node:stream";
import type { Pool } from "undici";
import type { FuzzRequest } from "./generate-request.js";

/** The server's answer; `status` null when it closed (or reset) without one. */
export interface FuzzAnswer {
  status: number | null;
  body: string;
}

/** Thrown by undici before anything is sent (a header value it will not encode). */
export class ClientRefused extends Error {}

/** Sends one well-formed request on the keep-alive pool and reads the whole answer. */
export async function sendOnPool(pool: Pool, request: FuzzRequest): Promise<FuzzAnswer> {
  const headers = request.headers.flat();
  const payload = request.body;
  const body =
    payload === undefined ? undefined : request.chunked ? Readable.from(chunksOf(payload, 4096)) : payload;
  try {
    const answer = await pool.request({
      path: request.target,
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      // The pool's timeouts do not cover every phase: this bounds the whole exchange.
      signal: AbortSignal.timeout(15_000),
    });
    return { status: answer.statusCode, body: await answer.body.text() };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code === "UND_ERR_INVALID_ARG") throw new ClientRefused((error as Error).message);
    // The server closed the connection (after a 413 or a parse error, say) before answering.
    if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE")
      return { status: null, body: "" };
    throw error;
  }
}

/** A body in pieces: with no length known up front, undici sends it chunked. */
function* chunksOf(payload: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < payload.length; at += size) yield payload.subarray(at, at + size);
}

/** Writes raw bytes on a fresh connection, half-closes, and reads until the server closes. */
export function sendRaw(port: number, bytes: Buffer, limitMs = 10_000): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const chunks: Buffer[] = [];
    // A bound, not a sleep: a server that neither answers nor closes is a finding of its own.
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${limitMs} ms`));
    }, limitMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({
        status: status === null ? null : Number(status[1]),
        body: text.slice(text.indexOf("\r\n\r\n") + 4),
      });
    });
    socket.end(bytes);
  });
}
