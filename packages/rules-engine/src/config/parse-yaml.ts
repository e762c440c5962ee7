import { isScalar, LineCounter, type Node, parseAllDocuments, visit, type YAMLError } from "yaml";
import { type ConfigIssue, createIssue } from "./issues.js";
import { LIMITS } from "./limits.js";
import { checkRawText } from "./text-checks.js";
import { translateYamlError } from "./yaml-errors.js";
import { offsetPosition, type ParsedFile, positionOf } from "./yaml-nodes.js";

/** One config file as handed to the loader: a display path and its text. */
export interface ConfigSource {
  path: string;
  text: string;
}

/**
 * Parses one source as strict YAML 1.2 (core schema, string keys, unique keys, no merge
 * keys) and expands it to plain data. Every failure is a positioned issue; nothing here
 * throws, recurses without bound or expands aliases without limit.
 */
export function parseYamlFile(source: ConfigSource): { file?: ParsedFile; issues: ConfigIssue[] } {
  const raw = checkRawText(source.path, source.text);
  if (raw) return { issues: [raw] };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source.text, {
    lineCounter,
    version: "1.2",
    schema: "core",
    merge: false,
    strict: true,
    stringKeys: true,
    // yaml's own duplicate check compares each key with every earlier one (quadratic); findDuplicateKey is linear.
    uniqueKeys: false,
    prettyErrors: false,
  });
  const empty = () => emptyFile(source.path);
  const doc = docs[0];
  if (!doc) return { issues: [empty()] };
  const partial: ParsedFile = { path: source.path, text: source.text, doc, lineCounter, data: undefined };
  const issues: ConfigIssue[] = [];
  const second = docs[1];
  if (second) {
    issues.push(
      createIssue(
        "yaml-multiple-documents",
        positionOf(partial, second.contents ?? undefined),
        "more than one YAML document in this file",
        'remove the "---" separator, or move the second document to its own file in the same directory',
      ),
    );
  }
  const seen = new Set<number>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    // yaml often reports one mistake twice at one offset (an unclosed quote, then the indentation it breaks).
    if (seen.has(error.pos[0])) continue;
    seen.add(error.pos[0]);
    issues.push(yamlIssue(partial, error));
  }
  if (doc.errors.length > 0) return { issues };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { issues: [...issues, empty()] };
  }
  const duplicate = findDuplicateKey(partial);
  if (duplicate) return { issues: [...issues, duplicate] };
  const aliasIssue = checkAliases(partial);
  if (aliasIssue) return { issues: [...issues, aliasIssue] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch {
    return { issues: [...issues, aliasLimit(partial)] };
  }
  return { file: { ...partial, data }, issues };
}

function emptyFile(path: string): ConfigIssue {
  return createIssue(
    "file-empty",
    { file: path, line: 1, col: 1 },
    "file is empty (no YAML content, only blank lines or comments)",
    "a config needs at least `version: 1`; delete the file if it is not meant to be one",
  );
}

function yamlIssue(file: ParsedFile, error: YAMLError): ConfigIssue {
  const { code, message, hint } = translateYamlError(error);
  return createIssue(code, offsetPosition(file, error.pos[0]), message, hint);
}

/** The first key that repeats an earlier key of the same mapping. */
function findDuplicateKey(file: ParsedFile): ConfigIssue | undefined {
  let issue: ConfigIssue | undefined;
  visit(file.doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          issue = createIssue(
            "yaml-duplicate-key",
            positionOf(file, pair.key),
            `duplicate key "${key}"`,
            "YAML would silently keep only one of them: merge the two entries or rename one",
          );
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return issue;
}

/** Aliases must name an earlier anchor; reports the first that does not (one pass, in document order). */
function checkAliases(file: ParsedFile): ConfigIssue | undefined {
  let issue: ConfigIssue | undefined;
  const anchors = new Set<string>();
  visit(file.doc, {
    Node(_, node) {
      if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
    Alias(_, alias) {
      if (!anchors.has(alias.source)) {
        issue = createIssue(
          "yaml-alias-limit",
          positionOf(file, alias),
          `alias "*${alias.source}" refers to no anchor defined before it`,
          `define "&${alias.source}" on an earlier value, or write the value out`,
        );
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return issue;
}

function aliasLimit(file: ParsedFile): ConfigIssue {
  let first: Node | undefined;
  visit(file.doc, {
    Alias(_, alias) {
      first = alias;
      return visit.BREAK;
    },
  });
  return createIssue(
    "yaml-alias-limit",
    positionOf(file, first),
    `aliases expand to more than ${LIMITS.maxAliasCount} copies (an "alias bomb")`,
    "write the values out; anchors and aliases are meant for a few repeated values",
  );
}
