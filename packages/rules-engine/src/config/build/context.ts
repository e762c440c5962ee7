import { parseMoney } from "@seqd/core";
import type { CompileScheduleResult } from "../../schedule/index.js";
import { type ConfigIssue, createIssue, type IssueCode, type Position } from "../issues.js";
import type { Located } from "../merge.js";
import type { FormulaSource, SecretRef } from "../model.js";
import type { RawMoney, RawSecretRef } from "../raw-types.js";
import { createTextLocator } from "../text-locator.js";
import { parseDuration } from "../values/duration.js";
import { type DataPath, locate, type ParsedFile, positionAtPath, positionOf } from "../yaml-nodes.js";

/** Shared state of the semantic phase: collected issues and what the schema phase rejected. */
export interface BuildContext {
  now: Date;
  issues: ConfigIssue[];
  /** Data paths, per file, where the schema phase reported a problem. */
  schemaErrors: ReadonlyMap<ParsedFile, readonly DataPath[]>;
  /** compileSchedule results by pattern, zone and dayMatch: many triggers share a pattern. */
  schedules: Map<string, CompileScheduleResult>;
}

export function report(
  ctx: BuildContext,
  code: IssueCode,
  at: Position,
  message: string,
  hint?: string,
): void {
  ctx.issues.push(createIssue(code, at, message, hint));
}

/**
 * Whether the schema phase already reported a problem inside (or around) this entry.
 * Builders skip such entries, so one mistake yields one message, not a cascade.
 */
export function isBroken(ctx: BuildContext, entry: Located): boolean {
  const errors = ctx.schemaErrors.get(entry.file) ?? [];
  return errors.some((path) => isPrefix(path, entry.path) || isPrefix(entry.path, path));
}

function isPrefix(prefix: DataPath, path: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/** Position of a value below an entry (falls back to the nearest existing ancestor). */
export function posAt(entry: Located, ...sub: (string | number)[]): Position {
  return positionAtPath(entry.file, [...entry.path, ...sub]);
}

/** Position of a key below an entry. */
export function keyPosAt(entry: Located, ...sub: (string | number)[]): Position {
  return positionAtPath(entry.file, [...entry.path, ...sub], true);
}

/** A text scalar (formula, cron) with its offset-to-position map. */
export function scalarTextAt(entry: Located, source: string, ...sub: (string | number)[]): FormulaSource {
  const node = locate(entry.file, [...entry.path, ...sub]).value;
  return { source, pos: positionOf(entry.file, node), locate: createTextLocator(entry.file, node) };
}

export function secretRefAt(entry: Located, raw: RawSecretRef, ...sub: (string | number)[]): SecretRef {
  const pos = posAt(entry, ...sub);
  return "env" in raw ? { kind: "env", name: raw.env, pos } : { kind: "file", path: raw.file, pos };
}

/** Money already shaped by the schema; reports what the pattern cannot catch (too large). */
export function moneyAt(ctx: BuildContext, entry: Located, raw: RawMoney, ...sub: (string | number)[]) {
  const money = parseMoney(raw);
  if (money.ok) return money.cents;
  report(ctx, "invalid-money", posAt(entry, ...sub), money.message, money.hint);
  return undefined;
}

/** A duration already shaped by the schema; reports what the pattern cannot catch (over ten years). */
export function durationAt(
  ctx: BuildContext,
  entry: Located,
  raw: string | undefined,
  fallback: number,
  ...sub: (string | number)[]
): number {
  if (raw === undefined) return fallback;
  const duration = parseDuration(raw);
  if (duration.ok) return duration.ms;
  report(ctx, "invalid-duration", posAt(entry, ...sub), duration.message, duration.hint);
  return fallback;
}
