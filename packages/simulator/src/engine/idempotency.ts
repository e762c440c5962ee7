import type { IdempotencyPolicy, KeyFormat } from "../state/types.js";

/** What the first request with a key was answered, replayed for duplicates. */
export interface StoredAnswer {
  body: string;
  requestId: string;
  executionId: string;
  storedAtMs: number;
}

/** Remembers executed triggers by idempotency key for the retention period. */
export interface IdempotencyStore {
  lookup(ruleId: string, key: string, nowMs: number): StoredAnswer | undefined;
  remember(ruleId: string, key: string, answer: StoredAnswer): void;
  size(nowMs: number): number;
  clear(): void;
}

const PLATFORM_KEY = /^[A-Za-z0-9._:/|-]{1,36}$/;

/** Whether `key` is acceptable under the configured format. */
export function isValidKey(key: string, format: KeyFormat): boolean {
  switch (format) {
    case "any":
      return key.length > 0;
    case "platform":
      return PLATFORM_KEY.test(key);
  }
}

export function createIdempotencyStore(policy: IdempotencyPolicy): IdempotencyStore {
  const answers = new Map<string, StoredAnswer>();
  const slot = (ruleId: string, key: string) => (policy.scope === "rule" ? `${ruleId}\u0000${key}` : key);
  const expired = (answer: StoredAnswer, nowMs: number) => nowMs - answer.storedAtMs >= policy.retentionMs;
  // Keys are stored in the order they were first seen, so the expired ones lead the map:
  // purging stops at the first live key and stays cheap with many keys.
  const purge = (nowMs: number) => {
    for (const [id, answer] of answers) {
      if (!expired(answer, nowMs)) break;
      answers.delete(id);
    }
  };
  return {
    lookup(ruleId, key, nowMs) {
      purge(nowMs);
      const answer = answers.get(slot(ruleId, key));
      // Exact even if the wall clock was stepped back and the map is out of order.
      return answer && !expired(answer, nowMs) ? answer : undefined;
    },
    remember(ruleId, key, answer) {
      purge(answer.storedAtMs);
      answers.set(slot(ruleId, key), answer);
    },
    size(nowMs) {
      purge(nowMs);
      return answers.size;
    },
    clear: () => answers.clear(),
  };
}
