/**
 * The shapes of config data once it has passed the JSON Schema. Builders read values
 * through these types; anything the schema does not pin down (money strings, durations,
 * cron) is still parsed and checked by the builders.
 */
export type RawMoney = string | number;
export type RawSecretRef = { env: string } | { file: string };

export interface RawSettings {
  version?: 1;
  timezone?: string;
  sequence?: { apiUrl?: string; accessToken: RawSecretRef };
  server?: { listen?: string; adminToken?: RawSecretRef };
  store?: string;
  alerts?: { webhook?: { url: string; token?: RawSecretRef }; repeatEvery?: string };
  polling?: { every?: string; staleAfter?: string };
}

export type RawAccount = { id: string } | { name: string };

export interface RawRule {
  url: string;
  secret: RawSecretRef;
  minInterval?: string;
}

export interface RawTrigger {
  rule: string;
  schedule?: { cron: string; timezone?: string; dayMatch?: "any" | "all" };
  threshold?: {
    account: string;
    below?: RawMoney;
    above?: RawMoney;
    rearmAbove?: RawMoney;
    rearmBelow?: RawMoney;
    for?: string;
    cooldown?: string;
    onStartup?: "requireCrossing" | "evaluate";
  };
  when?: string;
  catchUp?: { policy?: "skip" | "latest" | "all"; within?: string; max?: number };
  maxPerDay?: number;
}

export interface RawAmount {
  path: string;
  token: RawSecretRef;
  formula: string;
  min?: RawMoney;
  max?: RawMoney;
  onStale?: "zero" | "reject";
}

export interface RawStep {
  at: string;
  balances?: Record<string, RawMoney | "unavailable">;
  expect?: {
    fired?: string[];
    notFired?: string[];
    amounts?: Record<string, RawMoney | "rejected">;
    state?: Record<string, "unknown" | "armed" | "pending" | "disarmed">;
  };
  restart?: boolean;
  down?: boolean;
}

export interface RawTest {
  name: string;
  start: string;
  steps: RawStep[];
}
