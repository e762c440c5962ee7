import { readFile } from "node:fs/promises";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { STATE_ISSUE, StateError, type StateIssue } from "../errors.js";
import type { Path, PendingIssue } from "./check.js";
import type { StateInput } from "./input.js";
import type { SimState } from "./types.js";
import { validateState } from "./validate.js";

/** A loaded state, or every problem with its `file:line:col`. */
export type StateLoad = { ok: true; state: SimState } | { ok: false; issues: StateIssue[] };

/**
 * Parses and validates a YAML (or JSON) state text, positioning each problem.
 *
 * @example parseState(await readFile("sim.yaml", "utf8"), { file: "sim.yaml" })
 */
export function parseState(text: string, options: { file?: string } = {}): StateLoad {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const file = options.file === undefined ? {} : { file: options.file };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return {
          code: STATE_ISSUE.yamlSyntax,
          message: error.message.split("\n")[0] ?? error.message,
          path: [],
          ...file,
          line: pos.line,
          col: pos.col,
        };
      }),
    };
  }
  const floats = floatLiteralPaths(doc.contents);
  const result = validateState(doc.toJS(), { isFloatLiteral: (path) => floats.has(JSON.stringify(path)) });
  if (result.ok) return result;
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      ...stripKeyFlag(issue),
      ...file,
      ...position(doc, lineCounter, issue),
    })),
  };
}

/** Reads and parses a state file; an unreadable file is reported as an issue too. */
export async function readStateFile(path: string): Promise<StateLoad> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    return {
      ok: false,
      issues: [
        {
          code: STATE_ISSUE.unreadableFile,
          message: `cannot read state file: ${reason}`,
          path: [],
          file: path,
        },
      ],
    };
  }
  return parseState(text, { file: path });
}

/** Validates a state object, or passes an already validated state through. */
export function checkState(input: unknown): StateLoad {
  if (isValidated(input)) return { ok: true, state: input };
  const result = validateState(input ?? {});
  return result.ok ? result : { ok: false, issues: result.issues.map(stripKeyFlag) };
}

/** Like `checkState`, but throws a StateError listing the problems. */
export function toState(input: SimState | StateInput | undefined): SimState {
  const result = checkState(input);
  if (!result.ok) throw new StateError(result.issues);
  return result.state;
}

function isValidated(input: unknown): input is SimState {
  if (input === null || typeof input !== "object") return false;
  const idempotency = (input as { idempotency?: unknown }).idempotency;
  return idempotency !== null && typeof idempotency === "object" && "retentionMs" in idempotency;
}

function stripKeyFlag({ atKey: _atKey, ...issue }: PendingIssue): StateIssue {
  return issue;
}

function position(
  doc: Document,
  lineCounter: LineCounter,
  issue: PendingIssue,
): { line?: number; col?: number } {
  let path = issue.path;
  let node: Node | undefined | null;
  if (issue.atKey && path.length > 0) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    if (isMap(parent)) {
      node = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key as
        | Node
        | undefined;
    }
  }
  while (!node) {
    const found = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (found && typeof found === "object" && "range" in found) node = found as Node;
    if (node || path.length === 0) break;
    path = path.slice(0, -1);
  }
  const offset = node?.range?.[0];
  if (offset === undefined) return {};
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}

/** Paths (as JSON) of numbers written with a decimal point or exponent, e.g. `balance: 2500.00`. */
function floatLiteralPaths(root: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === "string" || typeof key === "number") walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) walk(item, [...path, i]);
    } else if (isScalar(node) && typeof node.value === "number" && /[.eE]/.test(node.source ?? "")) {
      found.add(JSON.stringify(path));
    }
  };
  walk(root, []);
  return found;
}
