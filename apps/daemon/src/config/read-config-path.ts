import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type ConfigIssue, type ConfigSource, createIssue, LIMITS } from "@seqd/rules-engine";

/** One path argument read from disk: a file, or the `*.yaml`/`*.yml` files directly in a directory. */
export interface ConfigPathRead {
  /** The path as shown to the user: relative to the working directory. */
  display: string;
  sources: ConfigSource[];
  /** Problems reading it (missing, unreadable, not UTF-8, too large, empty directory). */
  issues: ConfigIssue[];
}

const CONFIG_FILE = /\.ya?ml$/;

/**
 * Reads one config path. A directory contributes the `*.yaml` and `*.yml` files directly
 * in it (not in subdirectories), sorted by name; they merge into one config. Paths are
 * reported relative to `cwd`. Never throws: problems come back as positioned issues.
 */
export async function readConfigPath(path: string, options: { cwd: string }): Promise<ConfigPathRead> {
  const absolute = resolve(options.cwd, path);
  const display = displayPath(options.cwd, absolute);
  const info = await stat(absolute).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error) return { display, sources: [], issues: [unreadable(display, info)] };
  if (info.isDirectory()) return readDirectory(absolute, display, options.cwd);
  if (!info.isFile()) {
    return { display, sources: [], issues: [pathIssue(display, "is neither a file nor a directory")] };
  }
  const file = await readConfigFile(absolute, display, info.size);
  return { display, sources: file.source ? [file.source] : [], issues: file.issues };
}

async function readDirectory(absolute: string, display: string, cwd: string): Promise<ConfigPathRead> {
  let names: string[];
  try {
    names = (await readdir(absolute)).filter((name) => CONFIG_FILE.test(name)).sort(byCodeUnits);
  } catch (error) {
    return { display, sources: [], issues: [unreadable(display, error as NodeJS.ErrnoException)] };
  }
  const sources: ConfigSource[] = [];
  const issues: ConfigIssue[] = [];
  for (const name of names) {
    const file = join(absolute, name);
    const info = await stat(file).catch(() => undefined);
    // Subdirectories named *.yaml, sockets and dangling links are not config files.
    if (!info?.isFile()) continue;
    const read = await readConfigFile(file, displayPath(cwd, file), info.size);
    if (read.source) sources.push(read.source);
    issues.push(...read.issues);
  }
  if (sources.length === 0 && issues.length === 0) {
    issues.push(
      pathIssue(
        display,
        "is a directory without *.yaml or *.yml files",
        "put the config in it, or pass a file",
      ),
    );
  }
  return { display, sources, issues };
}

async function readConfigFile(
  absolute: string,
  display: string,
  size: number,
): Promise<{ source?: ConfigSource; issues: ConfigIssue[] }> {
  if (size > LIMITS.maxFileBytes) {
    const mib = (size / (1024 * 1024)).toFixed(1);
    return {
      issues: [
        createIssue(
          "file-too-large",
          { file: display, line: 1, col: 1 },
          `file is ${mib} MiB, over the 1 MiB limit`,
          "a seqd config is a few kilobytes; split it into several files in one directory if it truly grows",
        ),
      ],
    };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    return { issues: [unreadable(display, error as NodeJS.ErrnoException)] };
  }
  try {
    return {
      source: { path: display, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) },
      issues: [],
    };
  } catch {
    return { issues: [notUtf8(display, bytes)] };
  }
}

/** Points at the first byte that is not valid UTF-8 (lossy decoding marks it with U+FFFD). */
function notUtf8(display: string, bytes: Buffer): ConfigIssue {
  const text = new TextDecoder("utf-8").decode(bytes);
  const at = Math.max(0, text.indexOf("\uFFFD"));
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const col = at - before.lastIndexOf("\n");
  return createIssue(
    "file-binary",
    { file: display, line, col },
    "file is not valid UTF-8 text",
    "save it as UTF-8; binary files and other encodings (UTF-16, Latin-1) are not configs",
  );
}

function unreadable(display: string, error: NodeJS.ErrnoException): ConfigIssue {
  switch (error.code) {
    case "ENOENT":
      return pathIssue(
        display,
        "does not exist",
        "check the path; seqd reads configs/ when no path is given",
      );
    case "EACCES":
    case "EPERM":
      return pathIssue(display, "cannot be read: permission denied");
    case "ENOTDIR":
      return pathIssue(display, "does not exist (a parent is not a directory)");
    case "EISDIR":
      return pathIssue(display, "is a directory");
    default:
      return pathIssue(display, `cannot be read: ${error.code ?? error.message}`);
  }
}

function pathIssue(display: string, problem: string, hint?: string): ConfigIssue {
  return createIssue("file-unreadable", { file: display, line: 0, col: 0 }, `${display} ${problem}`, hint);
}

function displayPath(cwd: string, absolute: string): string {
  const shown = relative(cwd, absolute);
  if (shown === "") return ".";
  return isAbsolute(shown) ? shown : shown.split("\\").join("/");
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
