/** The YAML scalar styles, as `yaml` names them in `Scalar.type`. */
export type ScalarStyle = "PLAIN" | "QUOTE_SINGLE" | "QUOTE_DOUBLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";

/**
 * A scalar's decoded value with, for each UTF-16 unit of it, the offset in the source
 * text it came from (an escape maps to its backslash, a folded line break to the break).
 * `offsets` has one extra entry: where the value ends, for end-exclusive ranges.
 */
export interface DecodedScalar {
  value: string;
  offsets: number[];
}

interface Unit {
  text: string;
  offset: number;
  /** Literal whitespace from the source, which folding may strip (escaped whitespace is kept). */
  space: boolean;
}

interface Line {
  units: Unit[];
  /** Offset of the line break ending this line (or the end of the content). */
  end: number;
  /** A double-quoted line ending in "\": the break is escaped away. */
  escapedBreak: boolean;
}

/**
 * Decodes the source of one scalar (`raw` = the text its node range covers, starting at
 * `base` in the file) the way YAML 1.2 does, remembering where each unit came from.
 * `parentIndent` is the indentation of the line that introduces a block scalar. Returns
 * undefined for forms it does not model; callers verify `value` against the parser's.
 */
export function decodeScalar(
  raw: string,
  style: ScalarStyle,
  base: number,
  parentIndent: number,
): DecodedScalar | undefined {
  switch (style) {
    case "PLAIN":
      return foldFlow(splitLines(raw, base, plainLine));
    case "QUOTE_SINGLE":
      if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length < 2) return undefined;
      return foldFlow(splitLines(raw.slice(1, -1), base + 1, singleQuotedLine));
    case "QUOTE_DOUBLE":
      if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return undefined;
      return foldFlow(splitLines(raw.slice(1, -1), base + 1, doubleQuotedLine));
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED":
      return decodeBlock(raw, base, parentIndent, style === "BLOCK_FOLDED");
  }
}

type LineDecoder = (line: string, lineBase: number) => Line | undefined;

function splitLines(content: string, base: number, decode: LineDecoder): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const next = content.indexOf("\n", start);
    const stop = next < 0 ? content.length : next;
    const text = content.slice(start, stop).replace(/\r$/, "");
    const line = decode(text, base + start);
    if (!line) return undefined;
    lines.push({ ...line, end: base + stop - (content[stop - 1] === "\r" ? 1 : 0) });
    if (next < 0) return lines;
    start = next + 1;
  }
}

function plainLine(line: string, lineBase: number): Line {
  return { units: literalUnits(line, lineBase), end: 0, escapedBreak: false };
}

function singleQuotedLine(line: string, lineBase: number): Line {
  const units: Unit[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    units.push({ text: c, offset: lineBase + i, space: c === " " || c === "\t" });
    if (c === "'" && line[i + 1] === "'") i++;
  }
  return { units, end: 0, escapedBreak: false };
}

const SIMPLE_ESCAPES = new Map([
  ["0", "\0"],
  ["a", "\x07"],
  ["b", "\b"],
  ["t", "\t"],
  ["\t", "\t"],
  ["n", "\n"],
  ["v", "\v"],
  ["f", "\f"],
  ["r", "\r"],
  ["e", "\x1b"],
  [" ", " "],
  ['"', '"'],
  ["/", "/"],
  ["\\", "\\"],
  ["N", "\u0085"],
  ["_", "\u00a0"],
  ["L", "\u2028"],
  ["P", "\u2029"],
]);
const HEX_LENGTH = new Map([
  ["x", 2],
  ["u", 4],
  ["U", 8],
]);

function doubleQuotedLine(line: string, lineBase: number): Line | undefined {
  const units: Unit[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const offset = lineBase + i;
    if (c !== "\\") {
      units.push({ text: c, offset, space: c === " " || c === "\t" });
      continue;
    }
    if (i === line.length - 1) return { units, end: 0, escapedBreak: true };
    const e = line[i + 1]!;
    const simple = SIMPLE_ESCAPES.get(e);
    const hexLength = HEX_LENGTH.get(e);
    if (simple !== undefined) {
      units.push({ text: simple, offset, space: false });
      i++;
    } else if (hexLength !== undefined) {
      const hex = line.slice(i + 2, i + 2 + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return undefined;
      for (const unit of String.fromCodePoint(Number.parseInt(hex, 16)).split("")) {
        units.push({ text: unit, offset, space: false });
      }
      i += 1 + hexLength;
    } else {
      return undefined;
    }
  }
  return { units, end: 0, escapedBreak: false };
}

function literalUnits(text: string, base: number): Unit[] {
  return text.split("").map((c, i) => ({ text: c, offset: base + i, space: c === " " || c === "\t" }));
}

/** YAML flow folding: trim around breaks; one break → space, n+1 breaks → n newlines. */
function foldFlow(lines: Line[] | undefined): DecodedScalar | undefined {
  if (!lines) return undefined;
  const out: Unit[] = [];
  let pendingBreaks = 0;
  let breakOffset = 0;
  let joinWithSpace = false;
  for (const [index, line] of lines.entries()) {
    const first = index === 0;
    const last = index === lines.length - 1;
    let units = line.units;
    if (!first) units = dropWhile(units, (u) => u.space);
    if (!last && !line.escapedBreak) units = dropLastWhile(units, (u) => u.space);
    if (!first && units.length === 0 && !last) {
      pendingBreaks++;
      continue;
    }
    if (!first) {
      if (pendingBreaks > 0) {
        for (let i = 0; i < pendingBreaks; i++) out.push({ text: "\n", offset: breakOffset, space: false });
      } else if (joinWithSpace) {
        out.push({ text: " ", offset: breakOffset, space: false });
      }
    }
    for (const unit of units) out.push(unit);
    pendingBreaks = 0;
    joinWithSpace = !line.escapedBreak;
    breakOffset = line.end;
  }
  return finish(out, lines[lines.length - 1]?.end ?? 0);
}

function decodeBlock(
  raw: string,
  base: number,
  parentIndent: number,
  folded: boolean,
): DecodedScalar | undefined {
  const headerEnd = raw.indexOf("\n");
  if (headerEnd < 0) return { value: "", offsets: [base + raw.length] };
  const header = /^[|>]([-+]?)(\d?)([-+]?)\s*(#.*)?\r?$/.exec(raw.slice(0, headerEnd));
  if (!header) return undefined;
  const chomp = header[1] || header[3] || "";
  const explicit = header[2] ? Number(header[2]) : undefined;
  const body = raw.slice(headerEnd + 1);
  const bodyBase = base + headerEnd + 1;
  const rawLines = splitRaw(body, bodyBase);
  if (rawLines.length > 0 && rawLines[rawLines.length - 1]!.text === "" && body.endsWith("\n"))
    rawLines.pop();
  const firstText = rawLines.find((l) => l.text.trim() !== "");
  const indent =
    explicit !== undefined ? parentIndent + explicit : firstText ? leadingSpaces(firstText.text) : 0;
  const lines = rawLines.map((l) => ({
    text: l.text.length >= indent ? l.text.slice(indent) : "",
    base: l.base + Math.min(indent, l.text.length),
    end: l.end,
    empty: l.text.trim() === "" && l.text.length <= indent,
  }));
  let lastContent = lines.length - 1;
  while (lastContent >= 0 && lines[lastContent]!.empty) lastContent--;
  const out: Unit[] = [];
  let previous: (typeof lines)[number] | undefined;
  let gap = 0;
  for (const line of lines.slice(0, lastContent + 1)) {
    if (line.empty) {
      gap++;
      continue;
    }
    if (previous) {
      const bothText = folded && !/^[ \t]/.test(previous.text) && !/^[ \t]/.test(line.text);
      const breaks = bothText ? gap : gap + 1;
      if (bothText && gap === 0) out.push({ text: " ", offset: previous.end, space: false });
      for (let i = 0; i < breaks; i++) out.push({ text: "\n", offset: previous.end, space: false });
    } else {
      for (let i = 0; i < gap; i++) out.push({ text: "\n", offset: line.base, space: false });
    }
    for (const unit of literalUnits(line.text, line.base)) out.push(unit);
    previous = line;
    gap = 0;
  }
  const trailing = lines.length - 1 - lastContent;
  if (previous && chomp !== "-") out.push({ text: "\n", offset: previous.end, space: false });
  if (chomp === "+") {
    for (const line of lines.slice(lastContent + 1)) out.push({ text: "\n", offset: line.end, space: false });
  }
  return finish(out, previous ? previous.end : bodyBase + trailing);
}

function splitRaw(body: string, base: number): { text: string; base: number; end: number }[] {
  const lines: { text: string; base: number; end: number }[] = [];
  let start = 0;
  while (start <= body.length) {
    const next = body.indexOf("\n", start);
    const stop = next < 0 ? body.length : next;
    const text = body.slice(start, stop).replace(/\r$/, "");
    lines.push({ text, base: base + start, end: base + start + text.length });
    if (next < 0) break;
    start = next + 1;
  }
  return lines;
}

function leadingSpaces(text: string): number {
  return text.length - text.trimStart().length;
}

function finish(units: Unit[], end: number): DecodedScalar {
  return { value: units.map((u) => u.text).join(""), offsets: [...units.map((u) => u.offset), end] };
}

function dropWhile<T>(items: T[], test: (item: T) => boolean): T[] {
  let i = 0;
  while (i < items.length && test(items[i]!)) i++;
  return items.slice(i);
}

function dropLastWhile<T>(items: T[], test: (item: T) => boolean): T[] {
  let i = items.length;
  while (i > 0 && test(items[i - 1]!)) i--;
  return items.slice(0, i);
}
