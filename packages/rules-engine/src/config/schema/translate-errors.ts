import { didYouMean, parseMoney } from "@seqd/core";
import type { ErrorObject } from "ajv/dist/2020.js";
import { isMap, isSeq } from "yaml";
import { type ConfigIssue, createIssue, type IssueCode } from "../issues.js";
import { parseDuration } from "../values/duration.js";
import { parseLocalTime } from "../values/local-time.js";
import { type DataPath, locate, type ParsedFile, positionOf } from "../yaml-nodes.js";
import { describeValue, expectedOf, type Subject, subjectOf, subjectText } from "./describe.js";
import { keyPlacementHint } from "./key-placement.js";
import { explainAmountPath } from "./path-messages.js";
import { defName, propertiesOf, refName, schemaAt } from "./schema-lookup.js";
import type { SchemaNode } from "./value-defs.js";

/** The secret-typed fields, for hints about where `{ env }` / `{ file }` may appear. */
export const SECRET_FIELDS =
  "sequence.accessToken, server.adminToken, alerts.webhook.token, rules.<id>.secret, amounts.<id>.token";

interface Message {
  code: IssueCode;
  message: string;
  hint?: string;
}

/**
 * Turns ajv's raw errors for one file into one human message per problem, placed on the
 * offending node: unknown keys with did-you-mean and misplaced-key hints, missing keys
 * with what they are for, type errors phrased per value type, and anyOf branches
 * collapsed into a single "expected A or B".
 */
export function translateSchemaErrors(
  file: ParsedFile,
  root: SchemaNode,
  errors: readonly ErrorObject[],
): { issues: ConfigIssue[]; paths: DataPath[] } {
  const issues: ConfigIssue[] = [];
  const paths: DataPath[] = [];
  const collapsed = new Set(
    errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.instancePath),
  );
  const typeFailed = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  // A YAML merge key (<<) is reported once; the keys it was meant to supply are not "missing".
  const mergeKeys = new Set(
    errors
      .filter((e) => (e.params as { additionalProperty?: string }).additionalProperty === "<<")
      .map((e) => e.instancePath),
  );
  for (const error of errors) {
    if (error.propertyName !== undefined && error.keyword !== "propertyNames") continue;
    const anyOf = error.keyword === "anyOf" || error.keyword === "oneOf";
    if (collapsed.has(error.instancePath) && !anyOf) continue;
    if (typeFailed.has(error.instancePath) && error.keyword !== "type") continue;
    if (mergeKeys.has(error.instancePath) && error.keyword === "required") continue;
    const path = parsePointer(error.instancePath);
    const subject = subjectOf(path, file.data);
    const translated = translate(root, error, path, subject);
    if (!translated) continue;
    const { at, target } = placement(file, error, path);
    paths.push(target);
    issues.push(createIssue(translated.code, at, translated.message, translated.hint));
  }
  return { issues, paths };
}

function translate(
  root: SchemaNode,
  error: ErrorObject,
  path: DataPath,
  subject: Subject,
): Message | undefined {
  const kind = defName(root, error.parentSchema);
  const value = error.data;
  const about = subjectText(subject);
  switch (error.keyword) {
    case "additionalProperties":
      return unknownKey(root, error, path, subject);
    case "required": {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const description = propertiesOf(root, error.parentSchema as SchemaNode)[missing]?.["description"];
      return {
        code: "missing-key",
        message: `${about} is missing "${missing}"`,
        ...(typeof description === "string" ? { hint: `${missing}: ${sentenceToHint(description)}` } : {}),
      };
    }
    case "type":
      return wrongType(root, kind, error, path, about);
    case "minimum":
      if (kind === "money" || kind === "nonNegativeMoney") return badValue(kind, error, path, about);
      return {
        code: "out-of-range",
        message: `${about} must be at least ${error.schema}, got ${describeValue(value)}`,
      };
    case "pattern":
    case "minLength":
      return badValue(kind, error, path, about);
    case "const":
      return {
        code: "invalid-value",
        message: `${about} must be ${JSON.stringify(error.schema)}, got ${describeValue(value)}`,
        ...(path.join() === "version" ? { hint: "version: 1 is the only config language version" } : {}),
      };
    case "enum": {
      const allowed = (error.schema as unknown[]).map(String);
      const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
      return {
        code: "invalid-value",
        message: `${about}: ${describeValue(value)} is not one of ${allowed.join(", ")}${guess ? ` (did you mean "${guess}"?)` : ""}`,
      };
    }
    case "maximum":
      return {
        code: "out-of-range",
        message: `${about} must be at most ${error.schema}, got ${describeValue(value)}`,
      };
    case "maxLength":
      return {
        code: "invalid-value",
        message: `${about} is ${String(value).length} characters long, over the limit of ${error.schema}`,
      };
    case "minItems":
      return { code: "missing-key", message: `${about} needs at least one entry` };
    case "minProperties":
    case "maxProperties":
      return propertyCount(kind, error.keyword, about);
    case "propertyNames":
      return badName(error, path);
    case "anyOf":
    case "oneOf":
      return anyOfMessage(error, about);
    default:
      return { code: "invalid-value", message: `${about}: ${error.message ?? "invalid value"}` };
  }
}

function unknownKey(root: SchemaNode, error: ErrorObject, path: DataPath, subject: Subject): Message {
  const key = String((error.params as { additionalProperty: string }).additionalProperty);
  const allowed = Object.keys(propertiesOf(root, error.parentSchema as SchemaNode));
  const where = path.length === 0 ? "at the top level" : `in ${subject.entity || subject.field}`;
  const guess = didYouMean(key, allowed);
  const placement = keyPlacementHint(root, path, key);
  const hint =
    key === "<<"
      ? "YAML merge keys (<<) are not supported: write the keys out"
      : (placement ?? (guess ? undefined : `allowed here: ${allowed.join(", ")}`));
  return {
    code: "unknown-key",
    message: `unknown key "${key}" ${where}${guess && !placement ? ` (did you mean "${guess}"?)` : ""}`,
    ...(hint ? { hint } : {}),
  };
}

function wrongType(
  root: SchemaNode,
  kind: string | undefined,
  error: ErrorObject,
  path: DataPath,
  about: string,
): Message {
  const value = error.data;
  if (kind === "secretRef") {
    return {
      code: "literal-secret",
      message: `${about} holds a literal value; secrets must be references`,
      hint: `secrets are references: { env: ${suggestEnvName(path)} } or { file: /run/secrets/… }; if a real secret was written here, rotate it (it is in git history)`,
    };
  }
  if (isSecretRefShape(value)) {
    return {
      code: "misplaced-secret",
      message: `${about}: secret references are allowed only in secret fields`,
      hint: `write the value itself here; secret fields are ${SECRET_FIELDS}`,
    };
  }
  const valueMessage = valueParserMessage(kind, value);
  if (valueMessage) return { ...valueMessage, message: `${about}: ${valueMessage.message}` };
  if (path.length === 0) {
    return {
      code: "wrong-type",
      message: `the file must be a mapping of sections (version, timezone, triggers, …), got ${describeValue(value)}`,
      hint: 'start with "version: 1" at the top level, without a leading "- "',
    };
  }
  const misplaced = misplacedEntityKey(root, path);
  return {
    code: "wrong-type",
    message: `${about}: expected ${expectedOf(kind, error.schema)}, got ${describeValue(value)}`,
    ...(misplaced ? { hint: misplaced } : typeHint(value, error.schema)),
  };
}

/** An environment variable name for a secret field, for the literal-secret hint. */
function suggestEnvName(path: DataPath): string {
  const upper = (text: unknown) =>
    String(text)
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "_");
  const [section, id] = path;
  if (section === "rules") return `${upper(id)}_RULE_SECRET`;
  if (section === "amounts") return `${upper(id)}_AMOUNT_TOKEN`;
  if (section === "server") return "SEQD_ADMIN_TOKEN";
  if (section === "alerts") return "SEQD_ALERT_TOKEN";
  return "SEQUENCE_ACCESS_TOKEN";
}

/** `rule: x` one level too far left lands as an id in `triggers:`; says so. */
function misplacedEntityKey(root: SchemaNode, path: DataPath): string | undefined {
  const [section, id] = path;
  if (path.length !== 2 || typeof id !== "string") return undefined;
  const entry = schemaAt(root, [String(section), id]);
  if (!Object.hasOwn(propertiesOf(root, entry), id)) return undefined;
  const singular = String(section).replace(/s$/, "");
  return `"${id}" looks like a ${singular} key, not a ${singular} id: indent it under the ${singular} it belongs to`;
}

function typeHint(value: unknown, type: unknown): { hint?: string } {
  if (value === null)
    return { hint: "nothing follows the colon: indent the value under its key, or remove the key" };
  const types = Array.isArray(type) ? type : [type];
  if (types.includes("boolean") && typeof value === "string") {
    return { hint: "YAML 1.2 booleans are true and false (not yes/no/on/off)" };
  }
  if (types.includes("string") && typeof value === "number") return { hint: `quote it: "${value}"` };
  return {};
}

function badValue(kind: string | undefined, error: ErrorObject, path: DataPath, about: string): Message {
  const value = error.data;
  const parsed = valueParserMessage(kind, value);
  if (parsed) return { ...parsed, message: `${about}: ${parsed.message}` };
  if (error.keyword === "minLength") return { code: "invalid-value", message: `${about} must not be empty` };
  switch (kind) {
    case "id":
    case "accountAlias":
      return {
        code: "invalid-id",
        message: `${about}: ${describeValue(value)} is not a valid ${kind === "id" ? "id" : "account alias"}`,
        hint: idHint(kind),
      };
    case "httpUrl":
      return {
        code: "invalid-url",
        message: `${about}: ${describeValue(value)} is not an absolute URL`,
        hint: "start it with https://",
      };
    default:
      break;
  }
  const last = path[path.length - 1];
  if (last === "env") {
    return {
      code: "invalid-secret-ref",
      message: `${about}: ${describeValue(value)} is not an environment variable name`,
      hint: 'use letters, digits and "_", not starting with a digit',
    };
  }
  if (last === "path" && path[0] === "amounts") {
    return { code: "amount-path", ...explainAmountPath(String(value), about) };
  }
  return { code: "invalid-value", message: `${about}: ${describeValue(value)} is not valid` };
}

/** Messages from the same parsers the loader uses, so schema and loader phrase values alike. */
function valueParserMessage(kind: string | undefined, value: unknown): Message | undefined {
  switch (kind) {
    case "money":
    case "nonNegativeMoney": {
      const money = parseMoney(value);
      if (money.ok) {
        return {
          code: "invalid-money",
          message: `${describeValue(value)} must not be negative`,
          hint: "amounts and their limits are zero or more",
        };
      }
      return { code: "invalid-money", message: money.message, ...(money.hint ? { hint: money.hint } : {}) };
    }
    case "duration": {
      if (typeof value !== "string" && typeof value !== "number") return undefined;
      const duration = parseDuration(value);
      if (duration.ok) return undefined;
      return {
        code: "invalid-duration",
        message: duration.message,
        ...(duration.hint ? { hint: duration.hint } : {}),
      };
    }
    case "testTime":
    case "stepAt": {
      if (typeof value !== "string") return undefined;
      const time = parseLocalTime(value.replace(/^\+.*/, ""), "UTC");
      const hint =
        kind === "stepAt"
          ? "write +20m (counted from the test's start) or an ISO time like 2026-03-07T08:20:00"
          : time.ok
            ? undefined
            : time.hint;
      return {
        code: "invalid-time",
        message: `${describeValue(value)} is not ${kind === "stepAt" ? "a step time" : "a date and time"}`,
        ...(hint ? { hint } : {}),
      };
    }
    default:
      return undefined;
  }
}

function idHint(kind: string): string {
  return kind === "id"
    ? 'use letters, digits, "-" and "_", starting with a letter or digit (at most 64)'
    : 'use letters, digits and "_", starting with a letter (at most 64): aliases appear in formulas as balance(alias)';
}

function propertyCount(kind: string | undefined, keyword: string, about: string): Message {
  if (kind === "account") {
    return {
      code: "account-ref",
      message:
        keyword === "minProperties"
          ? `${about} needs an id or a name`
          : `${about} has both id and name; keep one`,
      hint: 'prefer the stable id: { id: "5579244" }',
    };
  }
  return {
    code: "invalid-secret-ref",
    message:
      keyword === "minProperties"
        ? `${about} is an empty secret reference`
        : `${about} has both env and file; a secret reference has exactly one`,
    hint: "write { env: NAME } or { file: path }",
  };
}

function badName(error: ErrorObject, path: DataPath): Message {
  const name = String((error.params as { propertyName: string }).propertyName);
  const kind = refName(error.schema as SchemaNode);
  const section = String(path[path.length - 1] ?? "");
  const what = kind === "accountAlias" ? "account alias" : `${section.replace(/s$/, "")} id`;
  return {
    code: "invalid-id",
    message: `"${name}" is not a valid ${what}`,
    hint: idHint(kind === "accountAlias" ? "accountAlias" : "id"),
  };
}

function anyOfMessage(error: ErrorObject, about: string): Message {
  const branches = (error.schema as SchemaNode[]).map((branch) => {
    if ("const" in branch) return `"${String(branch["const"])}"`;
    const kind = refName(branch);
    return expectedOf(kind, (branch as SchemaNode)["type"]);
  });
  const moneyBranch = (error.schema as SchemaNode[])
    .map(refName)
    .find((k) => k?.toLowerCase().includes("money"));
  const parsed =
    moneyBranch && typeof error.data === "string" ? valueParserMessage(moneyBranch, error.data) : undefined;
  return {
    code: moneyBranch ? "invalid-money" : "invalid-value",
    message: `${about}: expected ${branches.join(", or ")}, got ${describeValue(error.data)}`,
    ...(parsed?.hint ? { hint: parsed.hint } : {}),
  };
}

/** Schema descriptions are sentences; hints are lower-case fragments. */
function sentenceToHint(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");
}

function isSecretRefShape(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === "env" || key === "file");
}

/** Where an error is reported, and the data path it concerns. */
function placement(file: ParsedFile, error: ErrorObject, path: DataPath) {
  const params = error.params as { additionalProperty?: string };
  if (error.keyword === "additionalProperties" && params.additionalProperty !== undefined) {
    const target = [...path, params.additionalProperty];
    return { at: positionOf(file, locate(file, target).key), target };
  }
  const propertyName = (error.params as { propertyName?: string }).propertyName;
  if (error.keyword === "propertyNames" && propertyName !== undefined) {
    const target = [...path, propertyName];
    return { at: positionOf(file, locate(file, target).key), target };
  }
  const found = locate(file, path);
  if (
    error.keyword === "required" ||
    error.keyword === "minProperties" ||
    error.keyword === "maxProperties"
  ) {
    return { at: positionOf(file, found.key ?? found.value), target: path };
  }
  const blockCollection = (isMap(found.value) || isSeq(found.value)) && !found.value.flow;
  return {
    at: positionOf(file, blockCollection ? (found.key ?? found.value) : (found.value ?? found.key)),
    target: path,
  };
}

/** Decodes an ajv instancePath (JSON Pointer) into keys and indexes. */
export function parsePointer(pointer: string): DataPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
