import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeClock, type FakeClock } from "@seqd/core";
import { request } from "undici";
import { type RunningSimulator, type StartSimulatorOptions, startSimulator } from "./server.js";
import type { StateInput } from "./state/input.js";

/** A simulator on a loopback port with a fake clock, plus a raw-HTTP helper (test-only). */
export interface TestSim {
  sim: RunningSimulator;
  clock: FakeClock;
  /** POSTs (or another method) and returns status, headers and the exact body text. */
  call(path: string, init?: CallInit): Promise<Reply>;
}

export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const running = new Set<RunningSimulator>();

/** Starts a simulator for one test; `stopAll()` in `afterEach` stops it. */
export async function startTestSim(
  state: StateInput,
  options: Omit<StartSimulatorOptions, "state" | "clock"> = {},
): Promise<TestSim> {
  const clock = createFakeClock("2026-03-01T12:00:00Z");
  const sim = await startSimulator({ ...options, state, clock, driftCheckMs: 3_600_000 });
  running.add(sim);
  return {
    sim,
    clock,
    async call(path, init = {}) {
      const response = await request(`${sim.url}${path}`, {
        method: (init.method ?? "POST") as "POST",
        headers: init.headers ?? {},
        body: init.body ?? (init.method === undefined || init.method === "POST" ? "{}" : null),
      });
      return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
    },
  };
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((sim) => sim.stop()));
  running.clear();
}

/** A deterministic id source: `id-1`, `id-2`, … */
export function sequentialIds(prefix = "id"): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The state most route tests share. */
export const BASIC_STATE: StateInput = {
  accounts: [
    { id: "5579244", name: "Checking", type: "Account", balance: "$2_500.00" },
    { id: "5579245", name: "Savings Pod", type: "Pod", balance: "$10_000" },
    { id: "5579246", name: "Paycheck", type: "Income Source", balance: 1999 },
  ],
  tokens: [{ token: "tok-all" }, { token: "tok-scoped", accounts: ["5579245"] }],
  rules: [
    {
      id: "ru_fixed",
      secret: "sec-fixed",
      actions: [{ transfer: { from: "5579245", to: "5579244", amount: { fixed: "$25" } } }],
    },
  ],
};

/** What a fake amount endpoint received. */
export interface AmountRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface AmountReply {
  status?: number;
  body: string;
}

/** A tiny loopback server standing in for the daemon's amount endpoint (test-only). */
export interface AmountServer {
  url: string;
  requests: AmountRequest[];
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server whose answers come from `answer` (by request number);
 * `"hang"` never answers (for timeouts); a promise answers when the test resolves it.
 */
export async function startAmountServer(
  answer: (request: AmountRequest, index: number) => AmountReply | "hang" | Promise<AmountReply>,
): Promise<AmountServer> {
  const requests: AmountRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(request);
      const reply = answer(request, requests.length - 1);
      if (reply === "hang") return;
      void Promise.resolve(reply).then(({ status = 200, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
