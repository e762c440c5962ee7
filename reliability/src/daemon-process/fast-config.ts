import type { StateInput } from "@seqd/simulator";

/** The secrets a fast config references, set to distinctive values by the suites. */
export interface FastConfigSecrets {
  SEQUENCE_ACCESS_TOKEN: string;
  SWEEP_SECRET: string;
  TOPUP_SECRET: string;
  AMOUNT_TOKEN: string;
  STRICT_AMOUNT_TOKEN: string;
  BURST_SECRET: string;
  ADMIN_TOKEN: string;
}

export const FAST_SECRETS: FastConfigSecrets = {
  SEQUENCE_ACCESS_TOKEN: "accesstok-LEAKCANARY-f4k9q2",
  SWEEP_SECRET: "sweepsecret-LEAKCANARY-h7m3x8",
  TOPUP_SECRET: "topupsecret-LEAKCANARY-c5n1w6",
  AMOUNT_TOKEN: "amounttok-LEAKCANARY-r2t8y4",
  STRICT_AMOUNT_TOKEN: "stricttok-LEAKCANARY-p9b3z7",
  BURST_SECRET: "burstsecret-LEAKCANARY-k6v2j9",
  ADMIN_TOKEN: "admintok-LEAKCANARY-d8s4g1",
};

/** Checking $2,500 and Savings $10,000; the rules the fast config names, with its secrets. */
export function fastSimState(secrets: FastConfigSecrets = FAST_SECRETS): StateInput {
  return {
    accounts: [
      { id: "5579244", name: "Checking", type: "Account", balance: "$2_500.00" },
      { id: "5579245", name: "Savings Pod", type: "Pod", balance: "$10_000.00" },
    ],
    tokens: [{ token: secrets.SEQUENCE_ACCESS_TOKEN }],
    rules: [
      {
        id: "ru_sweep",
        secret: secrets.SWEEP_SECRET,
        actions: [{ transfer: { from: "5579244", to: "5579245", amount: { fixed: "$1" } } }],
      },
      {
        id: "ru_topup",
        secret: secrets.TOPUP_SECRET,
        actions: [{ transfer: { from: "5579245", to: "5579244", amount: { fixed: "$1" } } }],
      },
      {
        // One call per 2 s: a burst of fires meets 429 with Retry-After.
        id: "ru_burst",
        secret: secrets.BURST_SECRET,
        rateLimit: { max: 1, window: "2s", retryAfter: true },
        actions: [{ transfer: { from: "5579245", to: "5579244", amount: { fixed: "$1" } } }],
      },
    ],
  };
}

export interface FastConfigOptions {
  simUrl: string;
  storeUrl: string;
  /** The sweep's cron (6 fields); omit it for a config with no schedule. */
  sweepCron?: string;
  /** The sweep's `when:` guard. */
  sweepWhen?: string;
}

/**
 * A config for suites that run a real daemon against the simulator: polling every 2 s (stale
 * after 6 s), a frequent sweep guarded by `when:`, a threshold on checking, a rate-limited rule fired
 * by hand through the admin API, and two amount endpoints (`/amount/top-up` with `onStale: zero`, `/amount/strict` with `onStale: reject`).
 */
export function fastConfig(options: FastConfigOptions): string {
  const sim = options.simUrl;
  const schedule =
    options.sweepCron === undefined
      ? ""
      : `  sweep-often:
    rule: sweep
    schedule: { cron: "${options.sweepCron}" }
${options.sweepWhen === undefined ? "" : `    when: "${options.sweepWhen}"\n`}`;
  return `version: 1
timezone: UTC
store: ${options.storeUrl}
server: { listen: "127.0.0.1:0", adminToken: { env: ADMIN_TOKEN } }
sequence:
  apiUrl: ${sim}
  accessToken: { env: SEQUENCE_ACCESS_TOKEN }
accounts:
  checking: { id: "5579244" }
  savings: { id: "5579245" }
polling: { every: 2s, staleAfter: 6s }
rules:
  sweep:
    url: ${sim}/remote-api/rules/ru_sweep/trigger
    secret: { env: SWEEP_SECRET }
  top-up:
    url: ${sim}/remote-api/rules/ru_topup/trigger
    secret: { env: TOPUP_SECRET }
  burst:
    url: ${sim}/remote-api/rules/ru_burst/trigger
    secret: { env: BURST_SECRET }
triggers:
${schedule}  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800 }
  # Fired by hand only (POST /admin/triggers/burst-by-hand/fire): once a year on its own.
  burst-by-hand:
    rule: burst
    schedule: { cron: "0 0 0 1 1 *" }
amounts:
  top-up:
    path: /amount/top-up
    token: { env: AMOUNT_TOKEN }
    formula: clamp($3_000 - balance(checking), $0, $5_000)
  strict:
    path: /amount/strict
    token: { env: STRICT_AMOUNT_TOKEN }
    formula: max(balance(savings) - $9_000, $0)
    onStale: reject
`;
}
