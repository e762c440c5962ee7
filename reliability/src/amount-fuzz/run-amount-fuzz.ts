import { Pool } from "undici";
import { createRandom } from "../random.js";
import { type FuzzEndpoint, generateRequest, rawRequest } from "./generate-request.js";
import { judgeAnswer } from "./judge-answer.js";
import { ClientRefused, type FuzzAnswer, sendOnPool, sendRaw } from "./send-request.js";

export interface AmountFuzzOptions {
  /** The daemon's server, e.g. `http://127.0.0.1:43210`. */
  url: string;
  endpoints: readonly FuzzEndpoint[];
  /** Endpoints configured `onStale: reject` (a 503 from them is allowed). */
  rejectOnStale: ReadonlySet<string>;
  seed: number;
  requests: number;
  /** Share of requests sent as malformed bytes on a raw socket. */
  rawShare: number;
  /** Requests in flight at once (keep-alive connections in the pool). */
  concurrency: number;
}

/** One broken promise, replayable from the seed and the index. */
export interface AmountFuzzFinding {
  index: number;
  request: string;
  finding: string;
}

export interface AmountFuzzReport {
  requests: number;
  /** Answers per status (`closed` when the server closed without one). */
  statuses: Record<string, number>;
  /** Requests undici refused to send (a header it would not encode): not counted as sent. */
  clientRefused: number;
  findings: AmountFuzzFinding[];
}

/** The seed of request `index`: each request replays alone. */
export function requestSeed(seed: number, index: number): number {
  return (Math.imul(seed, 1_000_003) + index) >>> 0;
}

/**
 * Sends `requests` seeded random requests to the amount endpoints, `concurrency` at a time, and
 * judges every answer. Findings are collected, not thrown, so one run reports them all.
 */
export async function runAmountFuzz(options: AmountFuzzOptions): Promise<AmountFuzzReport> {
  const port = Number(new URL(options.url).port);
  // A hang is a finding: no answer within 10 s fails the request instead of stalling the run.
  const pool = new Pool(options.url, {
    connections: options.concurrency,
    pipelining: 1,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const report: AmountFuzzReport = { requests: 0, statuses: {}, clientRefused: 0, findings: [] };
  let next = 0;
  async function worker(): Promise<void> {
    for (let index = next++; index < options.requests; index = next++) {
      const random = createRandom(requestSeed(options.seed, index));
      let labels: { aims: string | null; carries: ReadonlySet<string> };
      let summary: string;
      let answer: FuzzAnswer;
      try {
        if (random.chance(options.rawShare)) {
          const raw = rawRequest(random, options.endpoints);
          labels = raw;
          summary = JSON.stringify(raw.bytes.toString("latin1").slice(0, 200));
          answer = await sendRaw(port, raw.bytes);
        } else {
          const request = generateRequest(random, options.endpoints);
          labels = request;
          summary = `${request.method} ${request.target.slice(0, 200)}`;
          answer = await sendOnPool(pool, request);
        }
      } catch (error) {
        if (error instanceof ClientRefused) {
          report.clientRefused += 1;
          continue;
        }
        report.findings.push({
          index,
          request: `#${index}`,
          finding: `no answer: ${(error as Error).message}`,
        });
        continue;
      }
      report.requests += 1;
      const verdict = judgeAnswer(labels, answer, options.rejectOnStale);
      const outcome = verdict.ok ? verdict.outcome : "finding";
      report.statuses[outcome] = (report.statuses[outcome] ?? 0) + 1;
      if (!verdict.ok) report.findings.push({ index, request: summary, finding: verdict.finding });
    }
  }
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    await pool.close();
  }
  return report;
}
