import { createFakeClock, type FakeClock, Secret } from "@seqd/core";
import { type BalanceReading, compileRuntime, loadConfig, type Runtime } from "@seqd/rules-engine";
import type { AmountAuditInput } from "@seqd/store";
import { createLogger, type Logger } from "../observability/logger.js";
import { createMetrics, type Metrics } from "../observability/metrics.js";
import type { Timers } from "../runtime/timers.js";
import { type AmountRoutes, createAmountRoutes } from "./amount-routes.js";
import type { AdminHooks, ReadyReport } from "./contract.js";
import { type RunningHttpServer, startHttpServer } from "./server.js";

// Test-only helpers for the HTTP tests: a config compiled from YAML text, balances the test
// sets, captured logs, and the real server on 127.0.0.1 port 0.

export const START = "2026-03-02T14:00:00Z";
export const TOKENS = {
  "top-up": "amt_tok_top_up_7F3kQ9_distinct",
  strict: "amt_tok_strict_2Lm8Pw_distinct",
  negative: "amt_tok_negative_5Zx1Rt_distinct",
  "min-clamp": "amt_tok_min_clamp_8Hq4Ys_distinct",
} as const;

export const CONFIG = `version: 1
timezone: America/New_York
sequence:
  accessToken: { env: SEQUENCE_ACCESS_TOKEN }
accounts:
  checking: { id: "5579244" }
  savings: { id: "5579245" }
polling: { every: 5m, staleAfter: 20m }
amounts:
  top-up:
    path: /amount/top-up
    token: { env: TOP_UP_TOKEN }
    formula: clamp($1_500 - balance(checking), $0, max(balance(savings) - $200, $0))
    min: $1
    max: $1_000
    onStale: zero
  strict:
    path: /amount/strict
    token: { env: STRICT_TOKEN }
    formula: balance(savings) - balance(checking)
    onStale: reject
  negative:
    path: /amount/negative
    token: { env: NEGATIVE_TOKEN }
    formula: balance(checking) - $5_000
    onStale: zero
  min-clamp:
    path: /amount/min-clamp
    token: { env: MIN_CLAMP_TOKEN }
    formula: pct(balance(checking), day_of_month)
    min: $5
`;

/** Loads and compiles `text` (the {@link CONFIG} by default). */
export function compile(text = CONFIG): Runtime {
  const loaded = loadConfig([{ path: "seqd.yaml", text }], { now: new Date(START) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues, null, 2));
  return compileRuntime(loaded.config);
}

/** The resolved secrets of {@link CONFIG}'s amount tokens, as `resolveSecrets` names them. */
export function amountSecrets(tokens: Readonly<Record<string, string>> = TOKENS): Map<string, Secret> {
  return new Map(Object.entries(tokens).map(([id, token]) => [`amounts.${id}.token`, new Secret(token)]));
}

/** Balances the test sets: `ok` readings at a given time, or failed reads. */
export function createReadings(clock: FakeClock) {
  const readings = new Map<string, BalanceReading>();
  return {
    readings,
    reading: (alias: string) => readings.get(alias),
    set(alias: string, cents: number, at: Date = clock.now()) {
      readings.set(alias, { status: "ok", cents, at });
    },
    fail(alias: string, reason = "timeout") {
      readings.set(alias, { status: "unavailable", reason, at: clock.now() });
    },
  };
}

export interface CapturedLogger {
  logger: Logger;
  text(): string;
  lines(): Record<string, unknown>[];
}

export function captureLogger(clock: FakeClock, level = "info"): CapturedLogger {
  let text = "";
  const { logger } = createLogger({
    destination: { write: (line: string) => (text += line) },
    pretty: false,
    clock,
    level,
  });
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface ServerHarness {
  clock: FakeClock;
  server: RunningHttpServer;
  metrics: Metrics;
  log: CapturedLogger;
  balances: ReturnType<typeof createReadings>;
  runtime: Runtime;
  audits: AmountAuditInput[];
  degraded: { endpointId: string; code: string; message: string }[];
  /** Replace what `amounts()` returns (a reload). */
  setRoutes(routes: AmountRoutes): void;
  setReady(report: ReadyReport): void;
  setAdmin(hooks: AdminHooks | undefined): void;
  close(): Promise<void>;
}

export interface ServerHarnessOptions {
  logLevel?: string;
  audit?: (row: AmountAuditInput) => void;
  timers?: Timers;
}

/** The real server on 127.0.0.1 port 0 with {@link CONFIG}'s amount endpoints. */
export async function startServerHarness(options: ServerHarnessOptions = {}): Promise<ServerHarness> {
  const clock = createFakeClock(START);
  const log = captureLogger(clock, options.logLevel);
  const metrics = createMetrics({ processMetrics: false });
  const balances = createReadings(clock);
  const runtime = compile();
  let routes = createAmountRoutes({ runtime, secrets: amountSecrets(), reading: balances.reading });
  let ready: ReadyReport = { ready: true, checks: { config: { ok: true, detail: "loaded" } } };
  let admin: AdminHooks | undefined;
  const audits: AmountAuditInput[] = [];
  const degraded: ServerHarness["degraded"] = [];
  const server = await startHttpServer({
    listen: "127.0.0.1:0",
    clock,
    logger: log.logger,
    metrics,
    amounts: () => routes,
    audit: options.audit ?? ((row) => audits.push(row)),
    ready: () => ready,
    admin: () => admin,
    onAmountDegraded: (endpointId, code, message) => degraded.push({ endpointId, code, message }),
    ...(options.timers === undefined ? {} : { timers: options.timers }),
  });
  return {
    clock,
    server,
    metrics,
    log,
    balances,
    runtime,
    audits,
    degraded,
    setRoutes: (next) => {
      routes = next;
    },
    setReady: (next) => {
      ready = next;
    },
    setAdmin: (next) => {
      admin = next;
    },
    close: () => server.close(),
  };
}
