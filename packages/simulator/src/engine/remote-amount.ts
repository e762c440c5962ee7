import type { Cents, Clock } from "@seqd/core";
import { request } from "undici";
import type { AmountRequestEvent } from "../events.js";
import type { AmountSpec, RemoteAmountOptions } from "../state/types.js";

/** The largest reply read from a remote-amount endpoint. */
const MAX_REPLY_BYTES = 64 * 1024;

/** What the simulator knows when it asks a remote endpoint for an amount. */
export interface RemoteAmountContext {
  ruleId: string;
  ruleSecret: string;
  executionId: string;
  requestId: string;
  actionIndex: number;
  sourceAccountId: string;
  destinationAccountId: string;
  sourceBalanceInCents: Cents | null;
  destinationBalanceInCents: Cents | null;
  triggeredAt: string;
}

export type RemoteAmountResult = { ok: true; cents: Cents } | { ok: false; message: string };

type Attempt = Omit<
  AmountRequestEvent,
  "type" | keyof Pick<AmountRequestEvent, "ruleId" | "executionId" | "actionIndex">
>;

/**
 * Asks a remote-amount URL for `{"amountInCents": n}` (the Sequence → daemon callback),
 * retrying timeouts, network errors and 5xx `retries` times; reports each attempt.
 */
export async function fetchRemoteAmount(
  spec: Extract<AmountSpec, { kind: "remote" }>,
  context: RemoteAmountContext,
  options: { clock: Clock; signal: AbortSignal; onAttempt(attempt: Attempt): void },
): Promise<RemoteAmountResult> {
  let last: RemoteAmountResult = { ok: false, message: "not attempted" };
  for (let attempt = 1; attempt <= spec.retries + 1; attempt++) {
    const started = options.clock.monotonicMs();
    const outcome = await attemptOnce(spec, context, options.signal);
    options.onAttempt({
      url: redactUrl(spec.url),
      method: spec.method,
      body: spec.body,
      signature: spec.signature,
      attempt,
      status: outcome.status,
      amountInCents: outcome.result.ok ? outcome.result.cents : null,
      error: outcome.result.ok ? null : outcome.result.message,
      durationMs: Math.round(options.clock.monotonicMs() - started),
    });
    last = outcome.result;
    if (last.ok || !outcome.retryable || options.signal.aborted) break;
  }
  return last;
}

async function attemptOnce(
  spec: RemoteAmountOptions & { url: string },
  context: RemoteAmountContext,
  closing: AbortSignal,
): Promise<{ status: number | null; result: RemoteAmountResult; retryable: boolean }> {
  const timeout = AbortSignal.timeout(spec.timeoutMs);
  try {
    const response = await request(spec.url, {
      method: spec.method,
      headers: requestHeaders(spec, context),
      body: requestBody(spec, context),
      signal: AbortSignal.any([closing, timeout]),
    });
    const text = await readLimited(response.body);
    const status = response.statusCode;
    if (status < 200 || status > 299) {
      return { status, result: { ok: false, message: `answered HTTP ${status}` }, retryable: status >= 500 };
    }
    return { status, result: parseReply(text), retryable: false };
  } catch (error) {
    if (timeout.aborted) {
      return {
        status: null,
        result: { ok: false, message: `timed out after ${spec.timeoutMs} ms` },
        retryable: true,
      };
    }
    if (closing.aborted)
      return { status: null, result: { ok: false, message: "simulator closing" }, retryable: false };
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    return { status: null, result: { ok: false, message: `request failed: ${reason}` }, retryable: true };
  }
}

function requestHeaders(spec: RemoteAmountOptions, context: RemoteAmountContext): Record<string, string> {
  const headers: Record<string, string> = {};
  if (spec.method === "POST" && spec.body !== "none") headers["content-type"] = "application/json";
  if (spec.signature) headers["x-sequence-signature"] = `Bearer ${context.ruleSecret}`;
  return headers;
}

function requestBody(spec: RemoteAmountOptions, context: RemoteAmountContext): string | null {
  if (spec.method === "GET") return null;
  switch (spec.body) {
    case "none":
      return null;
    case "empty":
      return "{}";
    case "context": {
      const { ruleSecret: _secret, ...fields } = context;
      return JSON.stringify(fields);
    }
  }
}

async function readLimited(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) throw new RangeError(`reply larger than ${MAX_REPLY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Accepts exactly a JSON object whose `amountInCents` is a safe integer ≥ 0. */
export function parseReply(text: string): RemoteAmountResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: `reply is not JSON: ${JSON.stringify(text.slice(0, 80))}` };
  }
  const amount =
    parsed !== null && typeof parsed === "object"
      ? (parsed as Record<string, unknown>)["amountInCents"]
      : undefined;
  if (typeof amount === "number" && Number.isSafeInteger(amount) && amount >= 0)
    return { ok: true, cents: amount };
  return {
    ok: false,
    message: `reply needs "amountInCents" as a whole number ≥ 0, got ${JSON.stringify(text.slice(0, 80))}`,
  };
}

/** The URL with any `token` query value hidden, for events and logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("token")) return url;
  parsed.searchParams.set("token", "<secret>");
  return parsed.toString().replace("%3Csecret%3E", "<secret>");
}
