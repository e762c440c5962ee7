import { isScalar, type Node } from "yaml";
import type { Position } from "./issues.js";
import { decodeScalar, type ScalarStyle } from "./scalar-offsets.js";
import { offsetPosition, type ParsedFile, positionOf } from "./yaml-nodes.js";

/** Longest scalar source (in UTF-16 units) mapped character by character. */
const MAX_MAPPED_LENGTH = 16 * 1024;

/** Maps an offset inside a scalar's decoded text to a position in its file. */
export type TextLocator = (offset: number) => Position;

/**
 * A locator for a string scalar. Offsets are 0-based UTF-16 units into the decoded value
 * (what the formula compiler and cron checker see); `value.length` is a valid end offset.
 * Exact for plain, quoted (with escapes) and block scalars; for any form whose decoding
 * does not reproduce the parser's value, every offset maps to the scalar's start.
 */
export function createTextLocator(file: ParsedFile, node: Node | undefined): TextLocator {
  const start = positionOf(file, node);
  if (!isScalar(node) || typeof node.value !== "string" || !node.range || !node.type) return () => start;
  // Formulas and cron patterns are short; an exact map of a huge scalar is not worth its memory.
  if (node.range[1] - node.range[0] > MAX_MAPPED_LENGTH) return () => start;
  const [from, to] = node.range;
  const lineStart = file.text.lastIndexOf("\n", from - 1) + 1;
  const parentIndent = /^ */.exec(file.text.slice(lineStart, from))?.[0].length ?? 0;
  const decoded = decodeScalar(file.text.slice(from, to), node.type as ScalarStyle, from, parentIndent);
  if (!decoded || decoded.value !== node.value) return () => start;
  const { offsets } = decoded;
  return (offset) => {
    const index = Math.min(Math.max(0, Math.trunc(offset)), offsets.length - 1);
    return offsetPosition(file, offsets[index]!);
  };
}
