import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from "yaml";
import type { Position } from "./issues.js";

/** One parsed config file: its text, YAML document and line index. */
export interface ParsedFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (aliases expanded, bounded by `maxAliasCount`). */
  data: unknown;
}

/** A path into the data: mapping keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** Follows an alias to the node it names; other nodes are returned as they are. */
function deref(file: ParsedFile, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(file.doc);
  return node === null || node === undefined ? undefined : (node as Node);
}

/** Per mapping node, its pairs by key: lookups stay O(1) in maps with thousands of entries. */
const pairIndexes = new WeakMap<object, Map<string, Pair>>();

/** The pair of a mapping node whose key reads as `key` (keys are parsed as strings). */
export function findPair(file: ParsedFile, node: unknown, key: string): Pair | undefined {
  const map = deref(file, node);
  if (!isMap(map)) return undefined;
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (isScalar(pair.key) && !index.has(String(pair.key.value)))
        index.set(String(pair.key.value), pair as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

/**
 * The key and value nodes at `path` below the document root, following aliases. Stops at
 * the deepest node that exists, so a missing key still yields its parent's position.
 */
export function locate(file: ParsedFile, path: DataPath): { key?: Node; value?: Node; depth: number } {
  let value = deref(file, file.doc.contents);
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isMap(value)) {
      const pair = findPair(file, value, String(segment));
      if (!pair) break;
      key = pair.key as Node;
      value = deref(file, pair.value);
    } else if (isSeq(value) && typeof segment === "number") {
      const item = deref(file, value.items[segment]);
      if (!item) break;
      key = undefined;
      value = item;
    } else {
      break;
    }
    depth++;
  }
  return { ...(key ? { key } : {}), ...(value ? { value } : {}), depth };
}

/** Where a node starts; the file start when the node has no range. */
export function positionOf(file: ParsedFile, node: Node | undefined): Position {
  if (!node?.range) return { file: file.path, line: 1, col: 1 };
  return offsetPosition(file, node.range[0]);
}

/** The position of a UTF-16 offset into the file. */
export function offsetPosition(file: ParsedFile, offset: number): Position {
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.path, line, col };
}

/**
 * The position to report for `path`: the value node when it exists (its key when
 * `preferKey`), else the key, else the nearest existing ancestor.
 */
export function positionAtPath(file: ParsedFile, path: DataPath, preferKey = false): Position {
  const found = locate(file, path);
  const node = preferKey ? (found.key ?? found.value) : (found.value ?? found.key);
  return positionOf(file, node);
}
