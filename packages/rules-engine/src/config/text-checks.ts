import { type ConfigIssue, createIssue } from "./issues.js";
import { LIMITS } from "./limits.js";

/** Control characters YAML forbids in text (tab, LF and CR are fine), or U+FFFD from a lossy decode. */
function isBinaryChar(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffd;
}

function findBinaryChar(text: string): number {
  for (let i = 0; i < text.length; i++) if (isBinaryChar(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * Cheap checks that must pass before the text reaches the YAML parser: size, binary
 * content and nesting depth. Each returns at most one issue; none can hang or recurse.
 */
export function checkRawText(path: string, text: string): ConfigIssue | undefined {
  if (text.length > LIMITS.maxFileBytes) {
    return createIssue(
      "file-too-large",
      { file: path, line: 1, col: 1 },
      `file is ${formatSize(text.length)}, over the ${formatSize(LIMITS.maxFileBytes)} limit`,
      "a seqd config is a few kilobytes; split it into several files in one directory if it truly grows",
    );
  }
  const binaryAt = findBinaryChar(text);
  if (binaryAt >= 0) {
    const code = text.charCodeAt(binaryAt);
    const what =
      code === 0xfffd
        ? "a U+FFFD replacement character (the file was not valid UTF-8)"
        : `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return createIssue(
      "file-binary",
      positionAt(path, text, binaryAt),
      `file contains ${what}: it does not look like a YAML text file`,
      "save the file as UTF-8 text; binary files and other encodings are not configs",
    );
  }
  return checkDepth(path, text);
}

/**
 * Estimates nesting depth line by line (indentation levels, compact `- - -` entries and
 * flow brackets outside quotes). It over-counts rather than under-counts, which only
 * matters for inputs far deeper than any real config.
 */
function checkDepth(path: string, text: string): ConfigIssue | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = 0;
  let line = 1;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text[i] === " ") i++;
    const blank = i === lineEnd || text[i] === "#" || text[i] === "\r";
    if (!blank) {
      const indent = i - lineStart;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while (text[i] === "-" && (text[i + 1] === " " || i + 1 === lineEnd)) {
        compact++;
        i += 2;
        while (i < lineEnd && text[i] === " ") i++;
      }
      let quote = "";
      for (; i < lineEnd; i++) {
        const c = text[i];
        if (quote) {
          if (c === quote) quote = "";
          continue;
        }
        if (c === '"' || c === "'") quote = c;
        else if (c === "#" && (i === lineStart || text[i - 1] === " ")) break;
        else if (c === "[" || c === "{") flow++;
        else if ((c === "]" || c === "}") && flow > 0) flow--;
        if (indents.length + compact + flow > LIMITS.maxDepth) {
          return tooDeep(path, line, i - lineStart + 1);
        }
      }
      if (indents.length + compact + flow > LIMITS.maxDepth) return tooDeep(path, line, 1);
    }
    lineStart = lineEnd + 1;
    line++;
  }
  return undefined;
}

function tooDeep(path: string, line: number, col: number): ConfigIssue {
  return createIssue(
    "yaml-too-deep",
    { file: path, line, col },
    `nesting is deeper than ${LIMITS.maxDepth} levels`,
    "a seqd config nests a few levels deep; check for runaway brackets or indentation",
  );
}

/** The 1-based line and column of a UTF-16 offset, counting "\n" as the line break. */
export function positionAt(
  path: string,
  text: string,
  offset: number,
): { file: string; line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file: path, line, col: offset - lineStart + 1 };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}
