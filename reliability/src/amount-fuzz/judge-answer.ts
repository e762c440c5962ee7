/** What the judge needs from a request: the endpoint it aims at and the valid tokens it carries. */
export interface AimedRequest {
  aims: string | null;
  carries: ReadonlySet<string>;
}

export type FuzzVerdict = { ok: true; outcome: string } | { ok: false; finding: string };

/**
 * Judges one answer: never a 5xx (a 503 only from an `onStale: reject` endpoint, to a request
 * with its valid token), and never an amount unless the request carried the valid token of the
 * endpoint its path aims at. `status` null means the server closed without answering.
 */
export function judgeAnswer(
  request: AimedRequest,
  answer: { status: number | null; body: string },
  rejectOnStale: ReadonlySet<string>,
): FuzzVerdict {
  const { status, body } = answer;
  if (status === null) return { ok: true, outcome: "closed" };
  const authorized = request.aims !== null && request.carries.has(request.aims);
  if (status >= 500) {
    if (status === 503 && authorized && rejectOnStale.has(request.aims ?? ""))
      return { ok: true, outcome: "503" };
    return { ok: false, finding: `${status} ${body.slice(0, 200)}` };
  }
  if (status === 200 && body.includes("amountInCents") && !authorized)
    return { ok: false, finding: `an amount without the valid token: ${body.slice(0, 200)}` };
  return { ok: true, outcome: String(status) };
}
