import { parseMoney } from "@seqd/core";
import type { ErrorObject } from "ajv/dist/2020.js";
import type { IssueCode } from "../issues.js";
import { parseDuration } from "../values/duration.js";
import { parseLocalTime } from "../values/local-time.js";
import type { DataPath } from "../yaml-nodes.js";
import { describeValue, expectedOf } from "./describe.js";
import { explainAmountPath } from "./path-messages.js";
import { refName } from "./schema-lookup.js";
import type { SchemaNode } from "./value-defs.js";

/** A translated problem, before it is positioned. */
export interface Message {
  code: IssueCode;
  message: string;
  hint?: string;
}

export function badValue(
  kind: string | undefined,
  error: ErrorObject,
  path: DataPath,
  about: string,
): Message {
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
export function valueParserMessage(kind: string | undefined, value: unknown): Message | undefined {
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

export function propertyCount(kind: string | undefined, keyword: string, about: string): Message {
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

export function badName(error: ErrorObject, path: DataPath): Message {
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

export function anyOfMessage(error: ErrorObject, about: string): Message {
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
