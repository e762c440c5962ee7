import type { FaultInput } from "@seqd/simulator";
import type { ReliabilityMode } from "../mode.js";
import type { Random } from "../random.js";

/**
 * What a phase must show:
 * - `retried`: every trigger the fault struck is retried with its key and ends accepted;
 * - `refused`: the firing ends failed at once, with a `firing_failed` alert;
 * - `rateLimited`: fires by hand meet 429 with Retry-After, wait as told, and end accepted;
 * - `stale`: balances go stale: `stale_balance`, `/readyz` 503, nothing fires on the guard;
 * - `unavailable`: checking unreadable while its real balance crosses the threshold: no fire,
 *   `/readyz` 503; once readable again the crossing fires once;
 * - `pollRetried`: a poll fails and later polls read balances again, `/readyz` stays 200;
 * - `tokenRejected`: `access_token_rejected` is raised.
 */
export type PhaseExpectation =
  | "retried"
  | "refused"
  | "rateLimited"
  | "stale"
  | "unavailable"
  | "pollRetried"
  | "tokenRejected";

export interface FaultPhase {
  name: string;
  /** `long` phases wait longer than the CI budget allows (a bare 429 waits 30 s). */
  modes: readonly ReliabilityMode[];
  faults: FaultInput[];
  expect: PhaseExpectation;
  /**
   * Runs once, after every round: after a 401 the poller waits 15 min by design
   * (`UNAUTHORIZED_POLL_MS`), so balances stay stale for the rest of the run.
   */
  last?: true;
}

const BOTH = ["short", "long"] as const;
const LONG = ["long"] as const;
const SWEEP = { route: "trigger", ruleId: "ru_sweep" } as const;
const ACCOUNTS = { route: "accounts" } as const;

/** Every fault the suite injects against `seqd run`, in declaration order. */
export const FAULT_PHASES: readonly FaultPhase[] = [
  {
    name: "5xx JSON on trigger",
    modes: BOTH,
    faults: [{ ...SWEEP, kind: "status", status: 503, body: "json", times: 2 }],
    expect: "retried",
  },
  {
    name: "5xx text on trigger",
    modes: BOTH,
    faults: [{ ...SWEEP, kind: "status", status: 502, body: "text", times: 2 }],
    expect: "retried",
  },
  {
    name: "connection reset on trigger (after Sequence ran it)",
    modes: BOTH,
    faults: [{ ...SWEEP, kind: "reset", processed: true, times: 1 }],
    expect: "retried",
  },
  {
    name: "malformed JSON on trigger",
    modes: BOTH,
    faults: [{ ...SWEEP, kind: "malformed", times: 1 }],
    expect: "retried",
  },
  {
    name: "10 s stall on trigger",
    modes: BOTH,
    faults: [{ ...SWEEP, kind: "latency", latency: "10s", times: 1 }],
    expect: "retried",
  },
  {
    name: "429 storm with Retry-After",
    modes: BOTH,
    faults: [],
    expect: "rateLimited",
  },
  {
    name: "400 on trigger",
    modes: BOTH,
    faults: [{ ...SWEEP, kind: "status", status: 400, body: "json", times: 1 }],
    expect: "refused",
  },
  {
    name: "10 s stall on accounts",
    modes: BOTH,
    faults: [{ ...ACCOUNTS, kind: "latency", latency: "10s", times: 1 }],
    expect: "stale",
  },
  {
    name: "5xx and reset on accounts",
    modes: BOTH,
    faults: [
      { ...ACCOUNTS, kind: "status", status: 500, body: "text", times: 1 },
      { ...ACCOUNTS, kind: "reset", times: 1 },
    ],
    expect: "pollRetried",
  },
  {
    name: "malformed JSON on accounts",
    modes: BOTH,
    faults: [{ ...ACCOUNTS, kind: "malformed", times: 2 }],
    expect: "pollRetried",
  },
  {
    name: "unavailable balance",
    modes: BOTH,
    faults: [{ ...ACCOUNTS, kind: "nullBalance", accounts: ["5579244"] }],
    expect: "unavailable",
  },
  {
    name: "legacy response shape",
    modes: BOTH,
    faults: [{ ...ACCOUNTS, kind: "legacyShape", times: 3 }],
    expect: "pollRetried",
  },
  {
    name: "401 on accounts",
    modes: BOTH,
    faults: [{ ...ACCOUNTS, kind: "status", status: 401, body: "json", times: 1 }],
    expect: "tokenRejected",
    last: true,
  },
  {
    name: "429 without Retry-After on trigger (30 s floor)",
    modes: LONG,
    faults: [{ ...SWEEP, kind: "status", status: 429, body: "json", times: 1 }],
    expect: "retried",
  },
  {
    name: "5xx storm on trigger (5 in a row, backoff to 32 s)",
    modes: LONG,
    faults: [{ ...SWEEP, kind: "status", status: 500, body: "json", times: 5 }],
    expect: "retried",
  },
];

/** The phases of `mode` for a round, shuffled by `random` (Fisher–Yates): each seed is one order. */
export function phasesInOrder(mode: ReliabilityMode, random: Random): FaultPhase[] {
  const phases = FAULT_PHASES.filter((phase) => phase.modes.includes(mode) && phase.last !== true);
  for (let i = phases.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [phases[i], phases[j]] = [phases[j]!, phases[i]!];
  }
  return phases;
}

/** The phases that run once, after every round. */
export function finalPhases(mode: ReliabilityMode): FaultPhase[] {
  return FAULT_PHASES.filter((phase) => phase.modes.includes(mode) && phase.last === true);
}
