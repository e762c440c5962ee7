/**
 * The hand-written baseline: the same decisions as the engine for the benchmark's config (no
 * cooldown, no `when`, onStartup requireCrossing, catch-up skip), in the tightest loop that
 * still reads the same balance map and keeps state across cycles — typed arrays, no objects.
 */
import type { BalanceReading, Runtime } from "../../packages/rules-engine/src/index.js";
import { firstOccurrences } from "../../packages/rules-engine/src/schedule/occurrences.js";

const UNKNOWN = 0;
const ARMED = 1;
const PENDING = 2;
const DISARMED = 3;
const LATE_AFTER_MS = 60_000;

export interface Baseline {
  /** One cycle; returns how many fires it decided. */
  cycle(balances: ReadonlyMap<string, BalanceReading>, nowMs: number): number;
}

export function createBaseline(runtime: Runtime, startMs: number): Baseline {
  const thresholds = runtime.triggers.flatMap((t) => (t.kind === "threshold" ? [t] : []));
  const schedules = runtime.triggers.flatMap((t) => (t.kind === "schedule" ? [t] : []));
  const n = thresholds.length;
  const account = thresholds.map((t) => t.account);
  const below = Uint8Array.from(thresholds, (t) => (t.definition.direction === "below" ? 1 : 0));
  const level = Float64Array.from(thresholds, (t) => t.definition.level);
  const rearm = Float64Array.from(thresholds, (t) => t.definition.rearm);
  const forMs = Float64Array.from(thresholds, (t) => t.definition.forMs);
  const staleAfterMs = runtime.staleAfterMs;
  const phase = new Uint8Array(n);
  const since = new Float64Array(n);
  const lastAt = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const cursor = new Float64Array(schedules.length).fill(startMs);
  const nextDue = Float64Array.from(
    schedules,
    (s) => firstOccurrences(s.schedule, new Date(startMs), 1)[0]!.instantMs,
  );

  return {
    cycle(balances, nowMs) {
      let fires = 0;
      for (let i = 0; i < n; i++) {
        const reading = balances.get(account[i]!);
        if (reading === undefined || reading.status !== "ok") continue;
        const atMs = reading.at.getTime();
        if (atMs < lastAt[i]!) continue;
        lastAt[i] = atMs;
        if (nowMs - atMs > staleAfterMs) continue;
        const cents = reading.cents;
        const past = below[i] === 1 ? cents < level[i]! : cents > level[i]!;
        switch (phase[i]) {
          case UNKNOWN:
            phase[i] = past ? DISARMED : ARMED;
            break;
          case ARMED:
            if (!past) break;
            phase[i] = PENDING;
            since[i] = atMs;
            if (nowMs - atMs >= forMs[i]!) {
              fires++;
              phase[i] = DISARMED;
            }
            break;
          case PENDING:
            if (!past) phase[i] = ARMED;
            else if (nowMs - since[i]! >= forMs[i]!) {
              fires++;
              phase[i] = DISARMED;
            }
            break;
          case DISARMED:
            if (below[i] === 1 ? cents >= rearm[i]! : cents <= rearm[i]!) phase[i] = ARMED;
            break;
        }
      }
      for (let j = 0; j < cursor.length; j++) {
        if (nowMs > cursor[j]! && nextDue[j]! <= nowMs) {
          if (nowMs - nextDue[j]! <= LATE_AFTER_MS) fires++;
          nextDue[j] = firstOccurrences(schedules[j]!.schedule, new Date(nowMs), 1)[0]!.instantMs;
        }
        cursor[j] = nowMs;
      }
      return fires;
    },
  };
}
