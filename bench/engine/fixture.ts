/**
 * The engine benchmark's config and inputs: 10 000 accounts, 1 000 threshold triggers and
 * 1 000 schedule triggers, generated deterministically (seeded PRNG).
 */
import type { BalanceReading } from "../../packages/rules-engine/src/index.js";

export const ACCOUNTS = 10_000;
export const THRESHOLDS = 1_000;
export const SCHEDULES = 1_000;
export const RULES = 100;
export const STALE_AFTER_MS = 20 * 60_000;

/** mulberry32: a small seeded PRNG so every run sees the same inputs. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Threshold trigger `i` watches account `a${i * 10}`; even ones are `below`, odd ones `above`. */
export const thresholdAccount = (i: number) => `a${i * (ACCOUNTS / THRESHOLDS)}`;
export const thresholdLevel = (i: number) => 100_000 + (i % 50) * 1_000;
export const REARM_GAP = 20_000;
/** Every fourth threshold holds 15 minutes before firing. */
export const thresholdForMs = (i: number) => (i % 4 === 0 ? 15 * 60_000 : 0);

export function configYaml(): string {
  const lines = [
    "version: 1",
    "timezone: America/New_York",
    "sequence: { accessToken: { env: SEQUENCE_ACCESS_TOKEN } }",
    `polling: { every: 5m, staleAfter: ${STALE_AFTER_MS / 60_000}m }`,
    "accounts:",
  ];
  for (let a = 0; a < ACCOUNTS; a++) lines.push(`  a${a}: { id: "${1_000_000 + a}" }`);
  lines.push("rules:");
  for (let r = 0; r < RULES; r++) {
    lines.push(
      `  r${r}: { url: https://api.getsequence.io/remote-api/rules/ru_${r}/trigger, secret: { env: R${r} }, minInterval: 1m }`,
    );
  }
  lines.push("triggers:");
  for (let i = 0; i < THRESHOLDS; i++) {
    const level = thresholdLevel(i);
    const side =
      i % 2 === 0
        ? `below: ${level}, rearmAbove: ${level + REARM_GAP}`
        : `above: ${level}, rearmBelow: ${level - REARM_GAP}`;
    const hold = thresholdForMs(i) > 0 ? ", for: 15m" : "";
    lines.push(
      `  t${i}: { rule: r${i % RULES}, threshold: { account: ${thresholdAccount(i)}, ${side}${hold} } }`,
    );
  }
  for (let j = 0; j < SCHEDULES; j++) {
    // 1 000 distinct daily times (minute, hour), spread over the day.
    const minute = j % 60;
    const hour = Math.floor(j / 60) % 24;
    lines.push(`  s${j}: { rule: r${j % RULES}, schedule: { cron: "${minute} ${hour} * * *" } }`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Balances that move like real ones: each watched account starts within $300 of its trigger's
 * level (about 10 % past it) and drifts by up to ±$15 per poll, so a poll changes the phase of
 * a few triggers, not hundreds. Every poll reads every account afresh (new readings, one time).
 */
export function createBalanceWalk(random: () => number): (at: Date) => Map<string, BalanceReading> {
  const watched = Array.from({ length: THRESHOLDS }, (_, i) => {
    const level = thresholdLevel(i);
    const past = random() < 0.1;
    const offset = Math.floor(random() * 30_000) + 1;
    return (i % 2 === 0) === past ? level - offset : level + offset;
  });
  const others = Array.from({ length: ACCOUNTS }, () => Math.floor(random() * 1e7));
  return (at) => {
    const readings = new Map<string, BalanceReading>();
    for (let a = 0; a < ACCOUNTS; a++) readings.set(`a${a}`, { status: "ok", cents: others[a]!, at });
    for (let i = 0; i < THRESHOLDS; i++) {
      watched[i]! += Math.floor(random() * 3_001) - 1_500;
      readings.set(thresholdAccount(i), { status: "ok", cents: watched[i]!, at });
    }
    return readings;
  };
}
