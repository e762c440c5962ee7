import type { Position } from "../issues.js";
import { suggest } from "../suggest.js";
import { type BuildContext, report } from "./context.js";

/** The ids that exist in one section (including entries with schema errors, so they do not cascade). */
export interface IdSet {
  /** `rule`, `account`, `trigger`, `amount`. */
  kind: string;
  /** The section key, for "the config has no rules:". */
  section: string;
  ids: ReadonlySet<string>;
}

/**
 * Checks that `id` names an existing entry; otherwise reports it with a did-you-mean,
 * or that the whole section is missing. Returns whether it resolved.
 */
export function checkReference(
  ctx: BuildContext,
  at: Position,
  from: string,
  target: IdSet,
  id: string,
): boolean {
  if (target.ids.has(id)) return true;
  if (target.ids.size === 0) {
    report(
      ctx,
      "missing-section",
      at,
      `${from} refers to ${target.kind} "${id}", but the config has no ${target.section}:`,
      `define it under a top-level "${target.section}:" section`,
    );
    return false;
  }
  const guess = suggest(id, target.ids);
  report(
    ctx,
    "unknown-reference",
    at,
    `${from} refers to unknown ${target.kind} "${id}"${guess ? ` (did you mean "${guess}"?)` : ""}`,
    guess ? undefined : `${target.section} defined: ${[...target.ids].slice(0, 10).join(", ")}`,
  );
  return false;
}
