import type { ErrorObject } from "ajv/dist/2020.js";
import { isMap, isSeq } from "yaml";
import { type ConfigIssue, createIssue } from "../issues.js";
import { LIMITS } from "../limits.js";
import { suggest } from "../suggest.js";
import { type DataPath, locate, type ParsedFile, positionOf } from "../yaml-nodes.js";
import { describeValue, type Subject, subjectOf, subjectText } from "./describe.js";
import { keyPlacementHint } from "./key-placement.js";
import { defName, propertiesOf } from "./schema-lookup.js";
import { wrongType } from "./type-messages.js";
import type { SchemaNode } from "./value-defs.js";
import { anyOfMessage, badName, badValue, type Message, propertyCount } from "./value-messages.js";

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
): { issues: ConfigIssue[]; paths: DataPath[]; omitted: number } {
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
  for (const [index, error] of errors.entries()) {
    // Enough to fill the report; translating thousands more would only be cut (capIssues).
    if (issues.length > LIMITS.maxIssues) return { issues, paths, omitted: errors.length - index };
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
  return { issues, paths, omitted: 0 };
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
      const guess = typeof value === "string" ? suggest(value, allowed) : undefined;
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
  const guess = suggest(key, allowed);
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

/** Schema descriptions are sentences; hints are lower-case fragments. */
function sentenceToHint(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");
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
function parsePointer(pointer: string): DataPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
