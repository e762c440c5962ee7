import { AMOUNT_PATH_PATTERN, ref, type SchemaNode, VALUE_DEFS } from "./value-defs.js";

export type { SchemaNode };

function object(
  title: string,
  description: string,
  properties: Record<string, SchemaNode>,
  required: readonly string[] = [],
  extra: SchemaNode = {},
): SchemaNode {
  return {
    title,
    description,
    type: "object",
    properties,
    additionalProperties: false,
    ...(required.length > 0 ? { required: [...required] } : {}),
    ...extra,
  };
}

/** A map from ids to entries; an empty section (`triggers:` with nothing under it) is allowed. */
function idMap(title: string, description: string, key: string, entry: string): SchemaNode {
  return {
    title,
    description,
    type: ["object", "null"],
    propertyNames: ref(key),
    additionalProperties: ref(entry),
  };
}

function enumOf(values: readonly string[], description: string): SchemaNode {
  return { type: "string", enum: [...values], description };
}

const ENTITY_DEFS: Record<string, SchemaNode> = {
  sequence: object(
    "Sequence API",
    "How seqd reads balances from Sequence.",
    {
      apiUrl: ref("httpUrl", "Base URL of the Sequence API. Default https://api.getsequence.io."),
      accessToken: ref(
        "secretRef",
        "Sequence access token (x-sequence-access-token), as a secret reference.",
      ),
    },
    ["accessToken"],
  ),
  server: object("HTTP server", "Where seqd serves amount endpoints, /healthz, /readyz and /metrics.", {
    listen: {
      type: "string",
      description: "host:port to listen on. Default 127.0.0.1:8787.",
      examples: ["127.0.0.1:8787", "0.0.0.0:8787", "[::1]:8787"],
    },
    adminToken: ref("secretRef", "Enables /admin/* (reload, trigger now) for requests bearing this token."),
  }),
  alerts: object(
    "Alerts",
    "Where alerts go besides the log (failed, ambiguous or missed firings, stale balances).",
    {
      webhook: object(
        "Alert webhook",
        "Alerts are POSTed as JSON to this URL.",
        {
          url: ref("httpUrl", "The webhook URL."),
          token: ref("secretRef", "Sent as a Bearer token, if set."),
        },
        ["url"],
      ),
      repeatEvery: ref("duration", "The same open alert is re-sent at most this often. Default 1h."),
    },
  ),
  polling: object(
    "Balance polling",
    "How often seqd reads balances, and when a reading is too old to act on.",
    {
      every: ref("duration", "Polling interval. Default 5m. Under a minute is allowed, with a warning."),
      staleAfter: ref(
        "duration",
        "A reading older than this is stale: thresholds hold, amounts follow onStale. Default 4 × every.",
      ),
    },
  ),
  account: object(
    "Account",
    "A Sequence account (or pod) under an alias; exactly one of id or name.",
    {
      id: { type: "string", minLength: 1, description: 'The stable Sequence account id, quoted: "5579244".' },
      name: {
        type: "string",
        minLength: 1,
        description: "The display name, resolved on the first poll; ambiguous names are an error.",
      },
    },
    [],
    { minProperties: 1, maxProperties: 1 },
  ),
  rule: object(
    "Rule",
    "A Sequence rule seqd may trigger.",
    {
      url: ref("httpUrl", "The full trigger URL Sequence generated for the rule."),
      secret: ref("secretRef", "The rule's trigger secret, as a secret reference."),
      minInterval: ref("duration", "Minimum spacing between two triggers of this rule. Default 0s."),
    },
    ["url", "secret"],
  ),
  schedule: object(
    "Schedule",
    "Fire on a cron schedule.",
    {
      cron: ref("cron"),
      timezone: ref("timezone", "Zone the pattern is read in. Default: the top-level timezone."),
      dayMatch: enumOf(
        ["any", "all"],
        "Required when the pattern restricts both day-of-month and day-of-week: any = either matches, all = both.",
      ),
    },
    ["cron"],
  ),
  threshold: object(
    "Threshold",
    "Fire when a balance crosses a level and stays past it (edge-triggered, with hysteresis).",
    {
      account: ref("accountAlias", "The account alias whose balance is watched."),
      below: ref("money", "Fire when the balance goes below this."),
      above: ref("money", "Fire when the balance goes above this."),
      rearmAbove: ref(
        "money",
        "With below: re-arm once the balance is back at or above this. Default: the level.",
      ),
      rearmBelow: ref(
        "money",
        "With above: re-arm once the balance is back at or below this. Default: the level.",
      ),
      for: ref("duration", "The balance must stay past the level this long. Default 0s."),
      cooldown: ref("duration", "Never fire again within this time after firing. Default: none."),
      onStartup: enumOf(
        ["requireCrossing", "evaluate"],
        "A first reading already past the level: requireCrossing (default) does not fire; evaluate treats it as a crossing.",
      ),
    },
    ["account"],
  ),
  catchUp: object("Catch-up", "What to do with occurrences missed while the daemon was down.", {
    policy: enumOf(
      ["skip", "latest", "all"],
      "skip (default): record and alert; latest: fire the newest inside within; all: fire each inside within, at most max.",
    ),
    within: ref("duration", "How old a missed occurrence may be and still fire (latest, all)."),
    max: {
      type: "integer",
      minimum: 1,
      maximum: 1000,
      description: "With all: at most this many. Default 10.",
    },
  }),
  trigger: object(
    "Trigger",
    "When a rule fires: exactly one of schedule or threshold.",
    {
      rule: ref("id", "The id of the rule (under rules:) this trigger fires."),
      schedule: ref("schedule"),
      threshold: ref("threshold"),
      when: ref("formula", "Optional condition, checked on fresh balances at fire time."),
      catchUp: ref("catchUp"),
      maxPerDay: {
        type: "integer",
        minimum: 1,
        maximum: 1440,
        description: "Guard: at most this many fires per rolling 24 hours. Default: unlimited.",
      },
    },
    ["rule"],
  ),
  amount: object(
    "Amount endpoint",
    "An HTTP endpoint Sequence calls to ask how much to move.",
    {
      path: {
        type: "string",
        pattern: AMOUNT_PATH_PATTERN,
        description:
          "URL path, e.g. /amount/top-up (registered in Sequence as https://host/amount/top-up?token=…).",
      },
      token: ref("secretRef", "Callers must present this token (?token= or x-sequence-signature: Bearer)."),
      formula: ref("formula", "The amount, in money."),
      min: ref(
        "nonNegativeMoney",
        "A positive result under min becomes 0. Default $1 (Sequence rejects less).",
      ),
      max: ref("nonNegativeMoney", "Hard cap applied after the formula."),
      onStale: enumOf(
        ["zero", "reject"],
        "With stale balances: zero (default) answers 0; reject answers HTTP 503.",
      ),
    },
    ["path", "token", "formula"],
  ),
  expect: object("Expectations", "What must be true after this step.", {
    fired: {
      type: "array",
      items: ref("id"),
      description: "Exactly the triggers that fired since the previous step ([] = none).",
    },
    notFired: {
      type: "array",
      items: ref("id"),
      description: "Triggers that must not have fired since the previous step.",
    },
    amounts: {
      type: "object",
      propertyNames: ref("id"),
      additionalProperties: { anyOf: [ref("nonNegativeMoney"), { const: "rejected" }] },
      description: "Amount endpoint answers at this step, by amount id (money, or rejected).",
    },
    state: {
      type: "object",
      propertyNames: ref("id"),
      additionalProperties: enumOf(["unknown", "armed", "pending", "disarmed"], "Threshold phase."),
      description: "Threshold trigger phases at this step, by trigger id.",
    },
  }),
  step: object(
    "Test step",
    "Applies balances, then evaluates at its time.",
    {
      at: ref("stepAt"),
      balances: {
        type: "object",
        propertyNames: ref("accountAlias"),
        additionalProperties: { anyOf: [ref("money"), { const: "unavailable" }] },
        description:
          "Partial update: accounts not named keep their last reading; unavailable marks a failed read.",
      },
      expect: ref("expect"),
      restart: {
        type: "boolean",
        description: "Round-trip all state through the store format before this step.",
      },
      down: {
        type: "boolean",
        description:
          "The daemon was down since the previous step: nothing is evaluated in between, and this step starts it again (catch-up applies).",
      },
    },
    ["at"],
  ),
  test: object(
    "Test",
    "A scenario run by seqd test on a fake clock.",
    {
      name: { type: "string", minLength: 1, description: "Unique name, printed by seqd test." },
      start: ref("testTime", "When the test starts; +durations in steps count from here."),
      steps: { type: "array", minItems: 1, items: ref("step") },
    },
    ["name", "start", "steps"],
  ),
};

/** The JSON Schema (draft 2020-12) of a seqd config file, published as `schema/seqd.schema.json`. */
export function buildConfigSchema(): SchemaNode {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "seqd config",
    description:
      "seqd config, version 1. Files of one directory merge into one config; only version is required. See docs/configuration.md.",
    type: "object",
    properties: {
      version: { const: 1, description: "Config language version. Always 1." },
      timezone: ref(
        "timezone",
        "Default IANA zone for schedules and test times. No host time zone is ever used.",
      ),
      sequence: ref("sequence"),
      server: ref("server"),
      store: {
        type: "string",
        description: "Where state lives: sqlite:./seqd.db (default) or postgres://user@host/db (HA).",
      },
      alerts: ref("alerts"),
      accounts: idMap("Accounts", "Account aliases used everywhere else.", "accountAlias", "account"),
      polling: ref("polling"),
      rules: idMap("Rules", "Sequence rules this daemon may trigger, by id.", "id", "rule"),
      triggers: idMap("Triggers", "When rules fire, by id.", "id", "trigger"),
      amounts: idMap("Amounts", "Remote API amount endpoints Sequence calls, by id.", "id", "amount"),
      tests: {
        title: "Tests",
        description: "Scenarios run by seqd test.",
        type: ["array", "null"],
        items: ref("test"),
      },
    },
    additionalProperties: false,
    $defs: { ...VALUE_DEFS, ...ENTITY_DEFS },
  };
}
