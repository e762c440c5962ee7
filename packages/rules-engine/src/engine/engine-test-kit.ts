import type { Config } from "../config/index.js";
import { loadConfig } from "../config/index.js";
import type { BalanceReading } from "../threshold/index.js";
import { type EvaluateResult, evaluate } from "./evaluate.js";
import { compileRuntime, type Runtime } from "./runtime.js";
import type { StoredTriggerState } from "./types.js";

/** Test-only helpers for the engine: configs from YAML, readings, and a stateful evaluation loop. */

export const HEAD = `version: 1
timezone: America/New_York
sequence: { accessToken: { env: T } }
accounts:
  checking: { id: "1" }
  savings: { id: "2" }
polling: { every: 5m, staleAfter: 20m }
rules:
  sweep: { url: https://api.getsequence.io/remote-api/rules/ru_1/trigger, secret: { env: R1 } }
  top-up: { url: https://api.getsequence.io/remote-api/rules/ru_2/trigger, secret: { env: R2 } }
`;

/** Loads a config (HEAD + `body`), failing loudly on any error. */
export function configOf(body: string, now = new Date("2026-03-01T12:00:00Z")): Config {
  const result = loadConfig([{ path: "test.yaml", text: HEAD + body }], { now });
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.line}:${i.col} ${i.message}`).join("\n"));
  return result.config;
}

export function runtimeOf(body: string): Runtime {
  return compileRuntime(configOf(body));
}

/** A successful reading of `cents` taken at `at`. */
export function ok(cents: number, at: Date): BalanceReading {
  return { status: "ok", cents, at };
}

/** A failed reading at `at`. */
export function failed(at: Date, reason = "HTTP 503"): BalanceReading {
  return { status: "unavailable", reason, at };
}

/** `iso` with a local offset, as a Date. */
export const at = (iso: string) => new Date(iso);

/**
 * A stateful evaluation loop, as the daemon runs it: state goes from one evaluation to the
 * next through JSON (exactly what the store does), fires count toward maxPerDay.
 */
export function createLoop(runtime: Runtime) {
  let states = new Map<string, StoredTriggerState>();
  const fires: { triggerId: string; at: Date }[] = [];
  return {
    get states() {
      return states;
    },
    step(now: Date, balances: ReadonlyMap<string, BalanceReading> = new Map()): EvaluateResult {
      const firedLast24h = new Map<string, number>();
      for (const fire of fires) {
        if (now.getTime() - fire.at.getTime() < 86_400_000) {
          firedLast24h.set(fire.triggerId, (firedLast24h.get(fire.triggerId) ?? 0) + 1);
        }
      }
      const result = evaluate({ runtime, states, balances, now, firedLast24h });
      for (const intent of result.intents) fires.push({ triggerId: intent.triggerId, at: now });
      states = roundTrip(result.states);
      return result;
    },
  };
}

/** Trigger states through JSON, as the store keeps them (cursor back to a Date). */
export function roundTrip(states: ReadonlyMap<string, unknown>): Map<string, StoredTriggerState> {
  const out = new Map<string, StoredTriggerState>();
  for (const [id, value] of states) {
    const parsed = JSON.parse(JSON.stringify(value)) as {
      definitionHash: string;
      state: unknown;
      cursor?: string;
    };
    out.set(id, {
      definitionHash: parsed.definitionHash,
      state: parsed.state,
      ...(parsed.cursor === undefined ? {} : { cursor: new Date(parsed.cursor) }),
    });
  }
  return out;
}
