import type { ErrorObject } from "ajv/dist/2020.js";
import type { DataPath } from "../yaml-nodes.js";
import { describeValue, expectedOf } from "./describe.js";
import { propertiesOf, schemaAt } from "./schema-lookup.js";
import type { SchemaNode } from "./value-defs.js";
import { type Message, valueParserMessage } from "./value-messages.js";

/** The secret-typed fields, for hints about where `{ env }` / `{ file }` may appear. */
const SECRET_FIELDS =
  "sequence.accessToken, server.adminToken, alerts.webhook.token, rules.<id>.secret, amounts.<id>.token";

export function wrongType(
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

function isSecretRefShape(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === "env" || key === "file");
}
