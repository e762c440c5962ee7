import type { Random } from "../random.js";

/** One way to damage a config's text. */
export interface Mutation {
  name: string;
  apply(text: string, random: Random): string;
}

const WRONG_VALUES = [
  "true",
  "null",
  "~",
  "[]",
  "{}",
  "-1",
  "0",
  "1e309",
  "-0.0",
  ".nan",
  ".inf",
  "0x1F",
  "99999999999999999999999",
  "9007199254740993",
  "$9_999_999_999_999_999",
  "$1.999",
  "$-5",
  "'$1_500'",
  '"15m"',
  "15x",
  "-15m",
  "0s",
  "999999d",
  "{ env: }",
  "{ env: A, file: b }",
  "{ file: /etc/shadow }",
  "!!binary aGVsbG8=",
  "!!js/function 'x'",
  "*undefined_anchor",
  "&anchor value",
  "[1, [2, [3, [4]]]]",
  "? complex\n  : key",
  "|\n  block",
  "'unterminated",
  '"\\u0000"',
  "constructor",
  "__proto__",
  "Etc/GMT+25",
  "EST",
  "http://insecure.example.com",
  "* * * * * * *",
  "61 25 32 13 8",
  "0 0 31 2 *",
  "@reboot",
  "balance(constructor)",
  "balance(checking) / 0",
];

const STRANGE_TEXT = [
  "\u0000",
  "\t",
  "\r",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  "\udfff",
  "💸",
  "é",
  "\u0085",
  "\u2028",
  "\u00a0",
  "：",
  "＄",
  "'",
  '"',
  "#",
  "&",
  "*",
  "!",
  "%",
  "@",
  "`",
  "|",
  ">",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "-",
  "?",
  "\\",
];

function lines(text: string): string[] {
  return text.split("\n");
}

function onLine(text: string, random: Random, edit: (line: string) => string): string {
  const all = lines(text);
  const index = random.int(all.length);
  all[index] = edit(all[index]!);
  return all.join("\n");
}

/** Lines that hold a `key: value` pair, with their index. */
function keyedLines(all: readonly string[]): number[] {
  return all.flatMap((line, index) => (/^\s*-?\s*[\w$-]+\s*:/.test(line) ? [index] : []));
}

function onKeyedLine(text: string, random: Random, edit: (line: string) => string): string {
  const all = lines(text);
  const keyed = keyedLines(all);
  if (keyed.length === 0) return text;
  const index = random.pick(keyed);
  all[index] = edit(all[index]!);
  return all.join("\n");
}

function typo(word: string, random: Random): string {
  if (word.length < 2) return `${word}x`;
  const at = random.int(word.length - 1);
  switch (random.int(4)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.toUpperCase();
    default:
      return `${word}_`;
  }
}

/** A billion-laughs document: each level doubles the previous one `width` times. */
function aliasBomb(levels: number, width: number): string {
  const out = ["bomb0: &b0 [lol, lol]"];
  for (let level = 1; level <= levels; level++) {
    out.push(
      `bomb${level}: &b${level} [${Array.from({ length: width }, () => `*b${level - 1}`).join(", ")}]`,
    );
  }
  return out.join("\n");
}

/** Every mutation the config fuzzer draws from. */
export const MUTATIONS: readonly Mutation[] = [
  {
    name: "byte-flip",
    apply(text, random) {
      if (text.length === 0) return random.pick(STRANGE_TEXT);
      const at = random.int(text.length);
      return text.slice(0, at) + String.fromCharCode(random.int(0x80)) + text.slice(at + 1);
    },
  },
  {
    name: "delete-line",
    apply: (text, random) => {
      const all = lines(text);
      all.splice(random.int(all.length), 1 + (random.chance(0.2) ? random.int(5) : 0));
      return all.join("\n");
    },
  },
  {
    name: "duplicate-line",
    apply: (text, random) => {
      const all = lines(text);
      const index = random.int(all.length);
      all.splice(index, 0, all[index]!);
      return all.join("\n");
    },
  },
  {
    name: "swap-lines",
    apply: (text, random) => {
      const all = lines(text);
      const a = random.int(all.length);
      const b = random.int(all.length);
      [all[a], all[b]] = [all[b]!, all[a]!];
      return all.join("\n");
    },
  },
  {
    name: "indent",
    apply: (text, random) =>
      onLine(text, random, (line) => {
        switch (random.int(4)) {
          case 0:
            return ` ${line}`;
          case 1:
            return line.replace(/^ {1,2}/, "");
          case 2:
            return `\t${line.trimStart()}`;
          default:
            return `${" ".repeat(random.int(12))}${line.trimStart()}`;
        }
      }),
  },
  {
    name: "key-rename",
    apply: (text, random) =>
      onKeyedLine(text, random, (line) =>
        line.replace(/^(\s*-?\s*)([\w$-]+)/, (_, lead: string, key: string) => lead + typo(key, random)),
      ),
  },
  {
    name: "wrong-value",
    apply: (text, random) =>
      onKeyedLine(text, random, (line) => line.replace(/:\s*(.*)$/, () => `: ${random.pick(WRONG_VALUES)}`)),
  },
  {
    name: "truncate",
    apply: (text, random) => text.slice(0, random.int(text.length + 1)),
  },
  {
    name: "unicode",
    apply: (text, random) => {
      const at = random.int(text.length + 1);
      return text.slice(0, at) + random.pick(STRANGE_TEXT) + text.slice(at);
    },
  },
  {
    name: "huge-number",
    apply: (text, random) => {
      const digits = [...text.matchAll(/\d+/g)];
      if (digits.length === 0) return text;
      const match = random.pick(digits);
      const huge = random.pick(["9".repeat(400), "1e400", "18446744073709551616", "9007199254740992", "-0"]);
      return text.slice(0, match.index) + huge + text.slice(match.index + match[0].length);
    },
  },
  {
    name: "alias-bomb",
    apply: (text, random) => `${text}\n${aliasBomb(random.between(3, 12), random.between(2, 10))}\n`,
  },
  {
    name: "alias-value",
    apply: (text, random) =>
      onKeyedLine(text, random, (line) =>
        line.replace(/:\s*(.*)$/, (_, value: string) =>
          random.chance(0.5) ? `: &a${random.int(3)} ${value}` : `: *a${random.int(3)}`,
        ),
      ),
  },
  {
    name: "deep-nesting",
    apply: (text, random) => {
      const depth = random.pick([50, 70, 500, 5000]);
      return `${text}\ndeep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    },
  },
  {
    name: "multi-document",
    apply: (text, random) => (random.chance(0.5) ? `${text}\n---\n${text}` : `---\n${text}\n...\n`),
  },
  {
    name: "oversize",
    apply: (text, random) => `${text}\n# ${"x".repeat(random.chance(0.1) ? 1024 * 1024 : 64 * 1024)}\n`,
  },
  {
    name: "crlf",
    apply: (text) => text.replaceAll("\n", "\r\n"),
  },
];

/**
 * Applies 1–3 random mutations and names them, so a finding can be replayed from its seed.
 *
 * @example mutate(text, createRandom(7)) // { text: "…", applied: ["indent", "wrong-value"] }
 */
export function mutate(text: string, random: Random): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  const count = random.chance(0.6) ? 1 : random.between(2, 3);
  for (let i = 0; i < count; i++) {
    const mutation = random.pick(MUTATIONS);
    out = mutation.apply(out, random);
    applied.push(mutation.name);
  }
  return { text: out, applied };
}
