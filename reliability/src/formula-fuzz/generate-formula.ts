import type { Random } from "../random.js";

const ALIASES = ["checking", "savings", "checkng", "constructor", "__proto__", "toString", ""];
const MONEY = [
  "$0",
  "$1",
  "$1_500",
  "$2_000.25",
  "$0.01",
  "$90_071_992_547_409.91",
  "$99_999_999_999_999_999",
  "$1.999",
  "$-1",
  "$",
];
const NUMBERS = [
  "0",
  "1",
  "3",
  "10",
  "100",
  "9007199254740991",
  "9007199254740993",
  "1e3",
  "0.5",
  "-2",
  "00",
];
const CONTEXT = ["day_of_month", "day_of_week", "month", "hour", "minute", "year"];
const FUNCTIONS = ["min", "max", "clamp", "abs", "pct", "round", "floor", "ceil", "balance", "sqrt", "eval"];
const BINARY = ["+", "-", "*", "/", "%", ">", ">=", "<", "<=", "==", "!=", "&&", "||", "**", "=", "&"];
const JUNK = [
  "(",
  ")",
  ",",
  "?",
  ":",
  "!",
  "$",
  "'",
  '"',
  "\u0000",
  "💸",
  "\u202e",
  "；",
  "\\",
  "#",
  "{",
  "}",
];

function leaf(random: Random): string {
  switch (random.int(4)) {
    case 0:
      return `balance(${random.pick(ALIASES)})`;
    case 1:
      return random.pick(MONEY);
    case 2:
      return random.pick(NUMBERS);
    default:
      return random.pick(CONTEXT);
  }
}

function expression(random: Random, depth: number): string {
  if (depth <= 0 || random.chance(0.25)) return leaf(random);
  switch (random.int(6)) {
    case 0:
    case 1:
      return `${expression(random, depth - 1)} ${random.pick(BINARY)} ${expression(random, depth - 1)}`;
    case 2: {
      const args = Array.from({ length: random.int(5) }, () => expression(random, depth - 1));
      return `${random.pick(FUNCTIONS)}(${args.join(", ")})`;
    }
    case 3:
      return `(${expression(random, depth - 1)})`;
    case 4:
      return `${expression(random, depth - 1)} ? ${expression(random, depth - 1)} : ${expression(random, depth - 1)}`;
    default:
      return `${random.pick(["!", "-", ""])}${expression(random, depth - 1)}`;
  }
}

/**
 * A random formula: mostly grammatical (so the checker and the evaluator are reached), sometimes
 * with a junk token spliced in, sometimes deeply nested or very long.
 *
 * @example generateFormula(createRandom(3)) // "clamp(balance(checking) - $1_500, $0, pct(…))"
 */
export function generateFormula(random: Random): string {
  let formula = expression(random, random.int(7));
  if (random.chance(0.15)) {
    const at = random.int(formula.length + 1);
    formula = formula.slice(0, at) + random.pick(JUNK) + formula.slice(at);
  }
  if (random.chance(0.02)) {
    const depth = random.pick([100, 1000, 5000]);
    formula = `${"(".repeat(depth)}${formula}${")".repeat(depth)}`;
  }
  if (random.chance(0.01)) formula = Array.from({ length: 800 }, () => leaf(random)).join(" + ");
  return formula;
}
