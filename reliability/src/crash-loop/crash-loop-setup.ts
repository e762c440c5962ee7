import type { StateInput } from "@seqd/simulator";
import type { DistinctiveSecret } from "../leak-scan.js";

/** The secrets a crash-loop daemon runs with, each a distinctive value the leak scan hunts for. */
export interface CrashLoopSecrets {
  accessToken: DistinctiveSecret;
  everySecondRule: DistinctiveSecret;
  skipRule: DistinctiveSecret;
  thresholdRule: DistinctiveSecret;
  amountToken: DistinctiveSecret;
  adminToken: DistinctiveSecret;
  webhookToken: DistinctiveSecret;
}

/** The env var each secret is passed in (the config holds only `{ env }` refs). */
export const SECRET_ENV: Readonly<Record<keyof CrashLoopSecrets, string>> = {
  accessToken: "SEQUENCE_ACCESS_TOKEN",
  everySecondRule: "EVERY_SECOND_RULE_SECRET",
  skipRule: "SKIP_RULE_SECRET",
  thresholdRule: "THRESHOLD_RULE_SECRET",
  amountToken: "TOPUP_AMOUNT_TOKEN",
  adminToken: "SEQD_ADMIN_TOKEN",
  webhookToken: "ALERT_TOKEN",
};

/** The account the scripted balance moves across the threshold; no rule touches it. */
export const RESERVE_ACCOUNT = "5580001";
/** `below:` and `rearmAbove:` of the threshold trigger, in cents. */
export const THRESHOLD = { below: 50_000, rearmAbove: 80_000 } as const;
/** Trigger ids of the crash-loop config. */
export const TRIGGERS = {
  all: "every-second-all",
  skip: "every-second-skip",
  threshold: "reserve-low",
} as const;

/** The env a crash-loop child (and the CLI runs beside it) gets. */
export function secretEnv(secrets: CrashLoopSecrets): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of Object.keys(SECRET_ENV) as (keyof CrashLoopSecrets)[]) {
    env[SECRET_ENV[key]] = secrets[key].value;
  }
  return env;
}

/**
 * Sequence as the crash loop sees it: three accounts with balances no per-second transfer can
 * drain within a run, and one rule per trigger, each with its own secret.
 */
export function crashLoopSimState(secrets: CrashLoopSecrets): StateInput {
  const transfer = (from: string, to: string) => [{ transfer: { from, to, amount: { fixed: "$1" } } }];
  return {
    accounts: [
      { id: "5579244", name: "Checking", type: "Account", balance: "$1_000_000.00" },
      { id: "5579245", name: "Savings Pod", type: "Pod", balance: "$1_000_000.00" },
      { id: RESERVE_ACCOUNT, name: "Reserve Pod", type: "Pod", balance: THRESHOLD.rearmAbove + 10_000 },
    ],
    tokens: [{ token: secrets.accessToken.value }],
    rules: [
      { id: "ru_all", secret: secrets.everySecondRule.value, actions: transfer("5579244", "5579245") },
      { id: "ru_skip", secret: secrets.skipRule.value, actions: transfer("5579245", "5579244") },
      { id: "ru_low", secret: secrets.thresholdRule.value, actions: transfer("5579244", "5579245") },
    ],
  };
}

/**
 * The daemon's config: a per-second schedule caught up with `all`, another recorded missed
 * with `skip` (past a minute late), a threshold on the reserve with hysteresis, amount
 * endpoints, the admin routes and an alert webhook — every secret as an `{ env }` ref. The
 * `ghost` account matches no Sequence account, so runs raise `account_unresolved` and the
 * `ghost` endpoint answers degraded: alerts reach the webhook (and the leak scan) even when no
 * firing goes wrong.
 */
export function crashLoopConfig(options: { simUrl: string; storePath: string; webhookUrl: string }): string {
  const { simUrl, storePath, webhookUrl } = options;
  return `version: 1
timezone: UTC
sequence:
  apiUrl: ${simUrl}
  accessToken: { env: ${SECRET_ENV.accessToken} }
server:
  listen: "127.0.0.1:0"
  adminToken: { env: ${SECRET_ENV.adminToken} }
store: sqlite:${storePath}
alerts:
  webhook: { url: "${webhookUrl}", token: { env: ${SECRET_ENV.webhookToken} } }
accounts:
  checking: { id: "5579244" }
  reserve: { id: "${RESERVE_ACCOUNT}" }
  ghost: { name: "Ghost Pod" }
polling:
  every: 1s
  staleAfter: 30s
rules:
  all-rule:
    url: ${simUrl}/remote-api/rules/ru_all/trigger
    secret: { env: ${SECRET_ENV.everySecondRule} }
  skip-rule:
    url: ${simUrl}/remote-api/rules/ru_skip/trigger
    secret: { env: ${SECRET_ENV.skipRule} }
  low-rule:
    url: ${simUrl}/remote-api/rules/ru_low/trigger
    secret: { env: ${SECRET_ENV.thresholdRule} }
triggers:
  ${TRIGGERS.all}:
    rule: all-rule
    schedule: { cron: "* * * * * *" }
    catchUp: { policy: all, within: 1h, max: 100 }
  ${TRIGGERS.skip}:
    rule: skip-rule
    schedule: { cron: "* * * * * *" }
    catchUp: { policy: skip }
  ${TRIGGERS.threshold}:
    rule: low-rule
    threshold:
      account: reserve
      below: ${THRESHOLD.below}
      rearmAbove: ${THRESHOLD.rearmAbove}
amounts:
  top-up:
    path: /amount/top-up
    token: { env: ${SECRET_ENV.amountToken} }
    formula: clamp($1_500 - balance(checking), $0, $1_000)
  ghost:
    path: /amount/ghost
    token: { env: ${SECRET_ENV.amountToken} }
    formula: balance(ghost)
`;
}
