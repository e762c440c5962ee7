/** A place in a config file: 1-based line and column (UTF-16 code units, as editors count). */
export interface Position {
  file: string;
  line: number;
  col: number;
}

export type Severity = "error" | "warning";

/**
 * Every problem `loadConfig` can report, with its severity and a one-line summary
 * (docs/configuration.md lists them). Closed table: switches over codes are exhaustive.
 */
export const ISSUE_CODES = {
  // The file itself
  "file-empty": { severity: "error", summary: "the file has no content" },
  "file-too-large": { severity: "error", summary: "the file is over the size limit" },
  "file-binary": { severity: "error", summary: "the file is not UTF-8 text (NUL, control characters)" },
  "file-unreadable": { severity: "error", summary: "the path is missing or cannot be read" },
  // YAML syntax
  "yaml-syntax": { severity: "error", summary: "the YAML cannot be parsed" },
  "yaml-tab": { severity: "error", summary: "a tab is used for indentation" },
  "yaml-indent": { severity: "error", summary: "inconsistent indentation" },
  "yaml-duplicate-key": { severity: "error", summary: "a key appears twice in one mapping" },
  "yaml-multiple-documents": { severity: "error", summary: "more than one YAML document in a file" },
  "yaml-too-deep": { severity: "error", summary: "nesting is deeper than any config needs" },
  "yaml-alias-limit": { severity: "error", summary: "too many or unresolved anchors/aliases" },
  "yaml-unsupported": {
    severity: "error",
    summary: "a YAML feature seqd does not accept (tags, complex keys)",
  },
  // Shape (JSON Schema)
  "unknown-key": { severity: "error", summary: "a key the config language does not have" },
  "missing-key": { severity: "error", summary: "a required key is absent" },
  "wrong-type": { severity: "error", summary: "a value has the wrong type" },
  "invalid-value": { severity: "error", summary: "a value is not one of the accepted forms" },
  "out-of-range": { severity: "error", summary: "a number is outside its allowed range" },
  "invalid-id": { severity: "error", summary: "an id or alias uses characters that are not allowed" },
  // Values
  "invalid-money": { severity: "error", summary: "not a money value ($1_500.25 or integer cents)" },
  "invalid-duration": { severity: "error", summary: "not a duration (30s, 15m, 6h, 1d, 1h30m)" },
  "invalid-cron": { severity: "error", summary: "the cron pattern is invalid or never fires" },
  "ambiguous-days": {
    severity: "error",
    summary: "cron restricts day-of-month and day-of-week without dayMatch",
  },
  "invalid-timezone": { severity: "error", summary: "not an IANA time zone" },
  "missing-timezone": { severity: "error", summary: "a schedule or test time needs a time zone" },
  "invalid-time": { severity: "error", summary: "a test time is malformed, in a DST gap or ambiguous" },
  "invalid-url": { severity: "error", summary: "a URL is malformed or not https" },
  "literal-secret": {
    severity: "error",
    summary: "a secret field holds a literal value instead of a reference",
  },
  "misplaced-secret": { severity: "error", summary: "a secret reference outside a secret field" },
  "invalid-secret-ref": { severity: "error", summary: "a secret reference is malformed" },
  "unresolved-secret": { severity: "error", summary: "a secret reference cannot be resolved (--secrets)" },
  "too-many-issues": { severity: "error", summary: "more problems than are worth listing; fix these first" },
  // Semantics
  "missing-version": { severity: "error", summary: "no file declares version: 1" },
  "duplicate-id": { severity: "error", summary: "an id is defined twice (in one config, across files)" },
  "duplicate-setting": { severity: "error", summary: "a top-level setting appears in more than one file" },
  "unknown-reference": { severity: "error", summary: "a reference to an id that does not exist" },
  "missing-section": { severity: "error", summary: "a section something refers to is absent" },
  "trigger-kind": { severity: "error", summary: "a trigger needs exactly one of schedule or threshold" },
  "threshold-direction": { severity: "error", summary: "a threshold needs exactly one of below or above" },
  "threshold-rearm": { severity: "error", summary: "rearm level on the wrong side of the threshold" },
  "account-ref": { severity: "error", summary: "an account needs exactly one of id or name" },
  "min-max": { severity: "error", summary: "min is greater than max" },
  "catch-up": { severity: "error", summary: "catchUp fields do not fit the policy or the trigger" },
  "amount-path": { severity: "error", summary: "an amount path is malformed, reserved or taken" },
  "polling-stale": { severity: "error", summary: "staleAfter is not longer than the polling interval" },
  "test-steps": { severity: "error", summary: "test steps are out of order or before the start" },
  "formula-error": { severity: "error", summary: "a formula does not compile" },
  // Warnings
  "short-interval": { severity: "warning", summary: "an interval under a minute" },
  "no-hysteresis": {
    severity: "warning",
    summary: "a threshold without hysteresis and without cooldown can fire repeatedly",
  },
  "uncapped-amount": { severity: "warning", summary: "an amount endpoint without max" },
  "day-match-unused": { severity: "warning", summary: "dayMatch set on a pattern that does not need it" },
  "rule-url-unusual": {
    severity: "warning",
    summary: "a rule URL does not look like a Sequence trigger URL",
  },
  "store-password": { severity: "warning", summary: "the store URL contains a password" },
  "dst-hazard": {
    severity: "warning",
    summary: "a DST change in the next 12 months moves, drops or doubles a scheduled run",
  },
  "same-minute": {
    severity: "warning",
    summary: "two schedule triggers of one rule can fire in the same minute",
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type IssueCode = keyof typeof ISSUE_CODES;

/** One problem in a config, positioned at the offending node. */
export interface ConfigIssue {
  severity: Severity;
  code: IssueCode;
  message: string;
  file: string;
  /** 1-based; 0 when the problem concerns a whole path (missing file, empty directory). */
  line: number;
  /** 1-based; 0 when the problem concerns a whole path. */
  col: number;
  /** What to do about it. */
  hint?: string;
}

/** Longest message or hint kept whole; only pathological input (megabyte values) comes near it. */
const MAX_TEXT = 400;

/** Builds an issue with the code's default severity. */
export function createIssue(code: IssueCode, at: Position, message: string, hint?: string): ConfigIssue {
  return {
    severity: ISSUE_CODES[code].severity,
    code,
    message: clip(message),
    file: at.file,
    line: at.line,
    col: at.col,
    ...(hint === undefined ? {} : { hint: clip(hint) }),
  };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Orders issues by file (in the given order), then line, column. */
export function sortIssues(issues: readonly ConfigIssue[], files: readonly string[]): ConfigIssue[] {
  const rank = new Map(files.map((file, index) => [file, index]));
  return [...issues].sort(
    (a, b) =>
      (rank.get(a.file) ?? files.length) - (rank.get(b.file) ?? files.length) ||
      a.line - b.line ||
      a.col - b.col,
  );
}

/** `file:line:col` for messages that point at another place ("also defined at …"). */
export function formatPosition(at: Position): string {
  return `${at.file}:${at.line}:${at.col}`;
}
