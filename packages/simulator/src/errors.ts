/** Base class of every error the simulator throws. */
export class SimulatorError extends Error {
  override name = "SimulatorError";
}

/** Codes of problems found in a simulator state (closed table). */
export const STATE_ISSUE = {
  yamlSyntax: "yaml-syntax",
  unknownKey: "unknown-key",
  missingKey: "missing-key",
  wrongType: "wrong-type",
  invalidValue: "invalid-value",
  duplicateId: "duplicate-id",
  unknownReference: "unknown-reference",
  unreadableFile: "unreadable-file",
} as const;

export type StateIssueCode = (typeof STATE_ISSUE)[keyof typeof STATE_ISSUE];

/** One problem in a state, positioned when it came from a YAML file. */
export interface StateIssue {
  code: StateIssueCode;
  message: string;
  /** Where in the state, e.g. `["rules", 0, "secret"]`. */
  path: Array<string | number>;
  hint?: string;
  file?: string;
  line?: number;
  col?: number;
}

/** `file:line:col: message (hint)`, or `path: message` when the state was an object. */
export function formatStateIssue(issue: StateIssue): string {
  const path = formatPath(issue.path);
  let where: string;
  if (issue.line !== undefined) where = `${issue.file ?? "<state>"}:${issue.line}:${issue.col ?? 1}`;
  else if (issue.file !== undefined) where = path ? `${issue.file}: ${path}` : issue.file;
  else where = path || "state";
  return `${where}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ""}`;
}

/** `rules[0].actions[1].transfer`: how issue paths read in messages. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/** The state given to the simulator is invalid; `issues` lists every problem found. */
export class StateError extends SimulatorError {
  override name = "StateError";
  readonly issues: StateIssue[];

  constructor(issues: StateIssue[]) {
    super(`invalid simulator state:\n${issues.map((issue) => `  ${formatStateIssue(issue)}`).join("\n")}`);
    this.issues = issues;
  }
}

/** The HTTP server could not start (port in use, bad host…). */
export class ListenError extends SimulatorError {
  override name = "ListenError";
}
