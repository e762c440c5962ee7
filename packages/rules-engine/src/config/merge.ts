import { type ConfigIssue, createIssue, formatPosition, type Position } from "./issues.js";
import { type DataPath, type ParsedFile, positionAtPath } from "./yaml-nodes.js";

/** A value in one file, with where it is. */
export interface Located<T = unknown> {
  file: ParsedFile;
  path: DataPath;
  value: T;
  /** The position of its key (the id, the setting name, the list item). */
  pos: Position;
}

const ID_SECTIONS = ["accounts", "rules", "triggers", "amounts"] as const;
export type IdSection = (typeof ID_SECTIONS)[number];

const SETTINGS = ["version", "timezone", "sequence", "server", "store", "alerts", "polling"] as const;
export type SettingName = (typeof SETTINGS)[number];

/** Several files as one config: id sections merged by id, settings from the one file that sets each. */
export interface MergedConfig {
  files: readonly ParsedFile[];
  settings: Map<SettingName, Located>;
  sections: Record<IdSection, Map<string, Located>>;
  tests: Located[];
}

const SINGULAR: Record<IdSection, string> = {
  accounts: "account",
  rules: "rule",
  triggers: "trigger",
  amounts: "amount",
};

/**
 * Merges the files of one config. Ids must be unique across files (the second definition
 * is an error naming both places); each setting may be set in one file only, except
 * `version`, which any file may repeat. Tests are concatenated in file order.
 */
export function mergeFiles(files: readonly ParsedFile[]): { merged: MergedConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const merged: MergedConfig = {
    files,
    settings: new Map(),
    sections: { accounts: new Map(), rules: new Map(), triggers: new Map(), amounts: new Map() },
    tests: [],
  };
  for (const file of files) {
    const data = file.data;
    if (!isRecord(data)) continue;
    for (const name of SETTINGS) {
      if (!Object.hasOwn(data, name)) continue;
      const here = located(file, [name], data[name]);
      const earlier = merged.settings.get(name);
      if (!earlier) merged.settings.set(name, here);
      else if (name !== "version") {
        issues.push(
          createIssue(
            "duplicate-setting",
            here.pos,
            `"${name}" is set in more than one file: here and at ${formatPosition(earlier.pos)}`,
            "set each top-level setting in one file of the directory",
          ),
        );
      }
    }
    for (const section of ID_SECTIONS) {
      const entries = data[section];
      if (!isRecord(entries)) continue;
      for (const [id, value] of Object.entries(entries)) {
        const here = located(file, [section, id], value);
        const earlier = merged.sections[section].get(id);
        if (earlier) {
          issues.push(
            createIssue(
              "duplicate-id",
              here.pos,
              `${SINGULAR[section]} "${id}" is defined twice: here and at ${formatPosition(earlier.pos)}`,
              "ids are unique across all files of a config: rename one or delete the copy",
            ),
          );
        } else {
          merged.sections[section].set(id, here);
        }
      }
    }
    if (Array.isArray(data["tests"])) {
      for (const [index, value] of data["tests"].entries())
        merged.tests.push(located(file, ["tests", index], value));
    }
  }
  return { merged, issues };
}

function located(file: ParsedFile, path: DataPath, value: unknown): Located {
  return { file, path, value, pos: positionAtPath(file, path, true) };
}

/** A plain mapping (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
