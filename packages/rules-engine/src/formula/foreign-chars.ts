/**
 * Explains characters outside the formula alphabet (printable ASCII plus
 * space, tab and newlines). A look-alike letter or an invisible character in
 * `balance(checking)` must be a load error that says what it is, never a
 * different account or a silently ignored character.
 */

/** Cyrillic and Greek letters that render like ASCII letters (NFKC keeps them apart). */
const LOOK_ALIKES: ReadonlyMap<number, string> = new Map([
  [0x0430, "a"],
  [0x0435, "e"],
  [0x043e, "o"],
  [0x0440, "p"],
  [0x0441, "c"],
  [0x0443, "y"],
  [0x0445, "x"],
  [0x0455, "s"],
  [0x0456, "i"],
  [0x0458, "j"],
  [0x04bb, "h"],
  [0x04cf, "l"],
  [0x0501, "d"],
  [0x051b, "q"],
  [0x051d, "w"],
  [0x0410, "A"],
  [0x0412, "B"],
  [0x0415, "E"],
  [0x041a, "K"],
  [0x041c, "M"],
  [0x041d, "H"],
  [0x041e, "O"],
  [0x0420, "P"],
  [0x0421, "C"],
  [0x0422, "T"],
  [0x0425, "X"],
  [0x0406, "I"],
  [0x0408, "J"],
  [0x0405, "S"],
  [0x03b1, "a"],
  [0x03b9, "i"],
  [0x03ba, "k"],
  [0x03bd, "v"],
  [0x03bf, "o"],
  [0x03c1, "p"],
  [0x0391, "A"],
  [0x0392, "B"],
  [0x0395, "E"],
  [0x0396, "Z"],
  [0x0397, "H"],
  [0x0399, "I"],
  [0x039a, "K"],
  [0x039c, "M"],
  [0x039d, "N"],
  [0x039f, "O"],
  [0x03a1, "P"],
  [0x03a4, "T"],
  [0x03a5, "Y"],
  [0x03a7, "X"],
  [0x0131, "i"],
  [0x2212, "-"],
  [0x2010, "-"],
  [0x2011, "-"],
  [0x2013, "-"],
  [0x2014, "-"],
  [0x00d7, "*"],
  [0x00f7, "/"],
  [0x2215, "/"],
  [0x2264, "<="],
  [0x2265, ">="],
  [0x2260, "!="],
  [0x201c, '"'],
  [0x201d, '"'],
  [0x2018, "'"],
  [0x2019, "'"],
]);

/** Characters that render as nothing at all. */
const INVISIBLE: ReadonlyMap<number, string> = new Map([
  [0x00ad, "soft hyphen"],
  [0x180e, "Mongolian vowel separator"],
  [0x200b, "zero-width space"],
  [0x200c, "zero-width non-joiner"],
  [0x200d, "zero-width joiner"],
  [0x200e, "left-to-right mark"],
  [0x200f, "right-to-left mark"],
  [0x202a, "left-to-right embedding"],
  [0x202b, "right-to-left embedding"],
  [0x202c, "pop directional formatting"],
  [0x202d, "left-to-right override"],
  [0x202e, "right-to-left override"],
  [0x2060, "word joiner"],
  [0x2061, "function application"],
  [0x2062, "invisible times"],
  [0x2063, "invisible separator"],
  [0x2064, "invisible plus"],
  [0x2066, "left-to-right isolate"],
  [0x2067, "right-to-left isolate"],
  [0x2068, "first strong isolate"],
  [0x2069, "pop directional isolate"],
  [0xfeff, "zero-width no-break space (byte order mark)"],
]);

/** What the lexer reports about one foreign character. */
export interface ForeignChar {
  /** UTF-16 length of the character (2 for astral code points). */
  readonly length: number;
  readonly message: string;
  readonly hint: string;
}

/** Describes the non-ASCII character starting at `offset`. */
export function describeForeignChar(source: string, offset: number): ForeignChar {
  const codePoint = source.codePointAt(offset) ?? 0;
  const length = codePoint > 0xffff ? 2 : 1;
  const char = source.slice(offset, offset + length);
  const unicode = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  const invisible = INVISIBLE.get(codePoint);
  if (invisible !== undefined) {
    return {
      length,
      message: `invisible character ${unicode} (${invisible})`,
      hint: "delete it: formulas are plain ASCII",
    };
  }
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
    return { length, message: `broken character ${unicode} (a lone surrogate)`, hint: "retype it in ASCII" };
  }
  const ascii = LOOK_ALIKES.get(codePoint) ?? asciiEquivalent(char);
  if (ascii === " ") {
    return {
      length,
      message: `unusual space character ${unicode}`,
      hint: "replace it with a plain space",
    };
  }
  if (ascii !== undefined) {
    return {
      length,
      message: `non-ASCII character "${char}" (${unicode})`,
      hint: `it looks like "${ascii}" but is a different character: retype it in ASCII`,
    };
  }
  return {
    length,
    message: `non-ASCII character "${char}" (${unicode})`,
    hint: "formulas are plain ASCII: retype it",
  };
}

/** The printable-ASCII text Unicode considers equivalent (fullwidth `１` → `1`), if any. */
function asciiEquivalent(char: string): string | undefined {
  const folded = char.normalize("NFKC");
  if (folded === char || folded.length === 0) return undefined;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return undefined;
  }
  return folded;
}
