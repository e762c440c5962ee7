import { formatMoneyLiteral } from "@seqd/core";
import { describe, expect, it } from "vitest";
import type { Node } from "./ast.js";
import {
  compileFormula,
  createFormulaEnv,
  type FormulaContext,
  type FormulaEnv,
  type FormulaRuntimeCode,
} from "./index.js";
import { parseFormula } from "./parser.js";

/**
 * Differential test: random well-typed formulas, compiled and run on random
 * environments, must agree with a small BigInt reference interpreter on the
 * value or on the exact error (code, offsets, alias). It exercises every
 * fused closure shape, the load-time bounds that drop run-time checks, the
 * order of evaluation, short-circuits and the absence of −0.
 *
 * Literals only ever sit beside an operand that reads a balance or a context
 * value, so no constant subexpression can fail at load time.
 */

const ALIASES = ["a", "b", "c"] as const;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);
type Type = "money" | "number" | "bool";

function createRandom(seed: number): { below(n: number): number; chance(p: number): boolean } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { below: (n) => Math.floor(next() * n), chance: (p) => next() < p };
}
type Random = ReturnType<typeof createRandom>;

// ---------------------------------------------------------------- generator

function moneyLiteral(random: Random): string {
  const cents = random.chance(0.8) ? random.below(1_000_000) : random.below(2 ** 30) * 2 ** random.below(23);
  return random.chance(0.15) ? `-${formatMoneyLiteral(cents)}` : formatMoneyLiteral(cents);
}

function numberLiteral(random: Random, nonZero = false): string {
  const value = random.chance(0.85) ? random.below(120) : random.below(2 ** 30) * 2 ** random.below(20);
  const magnitude = nonZero && value === 0 ? 7 : value;
  return random.chance(0.15) ? `-${magnitude}` : String(magnitude);
}

const literal = (random: Random, type: "money" | "number"): string =>
  type === "money" ? moneyLiteral(random) : numberLiteral(random);

/** An expression of `type` that reads at least one balance or context value. */
function live(random: Random, type: Type, depth: number): string {
  if (type === "bool") return condition(random, depth);
  if (depth <= 0 || random.chance(0.2)) {
    return type === "money"
      ? `balance(${ALIASES[random.below(3)]})`
      : ["day_of_month", "day_of_week", "month", "hour"][random.below(4)]!;
  }
  const d = depth - 1;
  const operand = (t: "money" | "number"): string =>
    random.chance(0.35) ? literal(random, t) : live(random, t, d);
  const pair = (t: "money" | "number"): [string, string] =>
    random.chance(0.5) ? [live(random, t, d), operand(t)] : [operand(t), live(random, t, d)];
  const other: "money" | "number" = type === "money" ? "number" : "number";
  switch (random.below(12)) {
    case 0:
    case 1: {
      const [l, r] = pair(type);
      return `(${l} ${random.chance(0.5) ? "+" : "-"} ${r})`;
    }
    case 2: {
      const [l, r] = type === "money" ? [live(random, "money", d), operand(other)] : pair("number");
      return random.chance(0.5) ? `(${l} * ${r})` : `(${r} * ${l})`;
    }
    case 3: {
      const mode = ["round", "floor", "ceil"][random.below(3)]!;
      const num = live(random, type, d);
      const den = random.chance(0.6) ? numberLiteral(random, true) : live(random, "number", d);
      if (type === "number" && random.chance(0.3))
        return `${mode}(${live(random, "money", d)} / ${operand("money")})`;
      return `${mode}(${num} / ${den})`;
    }
    case 4:
      return type === "money"
        ? `pct(${live(random, "money", d)}, ${operand("number")})`
        : `abs(${live(random, type, d)})`;
    case 5:
    case 6: {
      const args = [
        live(random, type, d),
        ...Array.from({ length: 1 + random.below(3) }, () => operand(type)),
      ];
      if (random.chance(0.5)) args.reverse();
      return `${random.chance(0.5) ? "min" : "max"}(${args.join(", ")})`;
    }
    case 7:
    case 8: {
      if (random.chance(0.5)) {
        const [lo, hi] = [literal(random, type), literal(random, type)].sort((x, y) => value(x) - value(y));
        return `clamp(${live(random, type, d)}, ${lo}, ${hi})`;
      }
      return `clamp(${operand(type)}, ${operand(type)}, ${live(random, type, d)})`;
    }
    case 9:
      return `abs(${live(random, type, d)})`;
    case 10:
      return `-${live(random, type, d)}`;
    default:
      return `(${condition(random, d)} ? ${operand(type)} : ${live(random, type, d)})`;
  }
}

/** The numeric value of a generated literal, to order clamp bounds. */
function value(text: string): number {
  const negative = text.startsWith("-");
  const digits = text.replace(/[-$_]/g, "");
  const v = text.includes("$") ? Math.round(Number(digits) * 100) : Number(digits);
  return negative ? -v : v;
}

function condition(random: Random, depth: number): string {
  const d = depth - 1;
  if (depth <= 0 || random.chance(0.5)) {
    const type: "money" | "number" = random.chance(0.6) ? "money" : "number";
    const op = ["<", "<=", ">", ">=", "==", "!="][random.below(6)]!;
    const left = live(random, type, Math.max(0, d));
    // 1–6 is inside every context range, so `day_of_week == 9` (a load error) is never generated.
    const equality = op === "==" || op === "!=";
    const constant = type === "number" && equality ? String(1 + random.below(6)) : literal(random, type);
    const right = random.chance(0.6) ? constant : live(random, type, Math.max(0, d));
    return random.chance(0.5) ? `${left} ${op} ${right}` : `${right} ${op} ${left}`;
  }
  switch (random.below(4)) {
    case 0:
      return `!(${condition(random, d)})`;
    case 1:
      return `(${condition(random, d)} ? ${condition(random, d)} : ${condition(random, d)})`;
    default: {
      const op = random.chance(0.5) ? " && " : " || ";
      const count = 2 + random.below(4);
      return `(${Array.from({ length: count }, () => condition(random, d)).join(op)})`;
    }
  }
}

// ---------------------------------------------------------------- reference

type Outcome =
  | { value: number | boolean }
  | { code: FormulaRuntimeCode; start: number; end: number; alias?: string };

interface World {
  readonly balances: Readonly<Record<string, bigint | "missing" | "stale">>;
  readonly context: readonly bigint[] | undefined;
}

class Failure {
  constructor(readonly outcome: Outcome) {}
}

const fail = (code: FormulaRuntimeCode, node: Node, alias?: string): never => {
  throw new Failure(
    alias === undefined
      ? { code, start: node.start, end: node.end }
      : { code, start: node.start, end: node.end, alias },
  );
};

const checked = (v: bigint, node: Node): bigint => (v > MAX || v < -MAX ? fail("OVERFLOW", node) : v);

function divide(num: bigint, den: bigint, mode: string): bigint {
  const quotient = num / den;
  const rem = num % den;
  if (rem === 0n) return quotient;
  const up = rem > 0n === den > 0n;
  if (mode === "floor") return up ? quotient : quotient - 1n;
  if (mode === "ceil") return up ? quotient + 1n : quotient;
  const twice = 2n * (rem < 0n ? -rem : rem);
  if (twice < (den < 0n ? -den : den)) return quotient;
  return up ? quotient + 1n : quotient - 1n;
}

const CONTEXT_INDEX: Readonly<Record<string, number>> = {
  day_of_month: 0,
  day_of_week: 1,
  month: 2,
  hour: 3,
};

function num(node: Node, world: World): bigint {
  switch (node.kind) {
    case "money":
      return BigInt(node.cents);
    case "number":
      return BigInt(node.value);
    case "name": {
      const v = world.context?.[CONTEXT_INDEX[node.name]!];
      return v ?? fail("CONTEXT_MISSING", node);
    }
    case "balance": {
      const v = world.balances[node.alias];
      if (v === "missing" || v === undefined) return fail("BALANCE_MISSING", node, node.alias);
      if (v === "stale") return fail("BALANCE_STALE", node, node.alias);
      return v;
    }
    case "unary":
      return -num(node.operand, world);
    case "binary": {
      const l = num(node.left, world);
      const r = num(node.right, world);
      if (node.op === "+") return checked(l + r, node);
      if (node.op === "-") return checked(l - r, node);
      if (node.op === "*") return checked(l * r, node);
      throw new Error(`unexpected ${node.op}`);
    }
    case "conditional":
      return bool(node.test, world) ? num(node.consequent, world) : num(node.alternate, world);
    case "call":
      return call(node, world);
  }
}

function call(node: Extract<Node, { kind: "call" }>, world: World): bigint {
  const args = node.args;
  switch (node.name) {
    case "min":
    case "max": {
      const values = args.map((arg) => num(arg, world));
      return values.reduce((x, y) => ((node.name === "min" ? y < x : y > x) ? y : x));
    }
    case "clamp": {
      const [x, lo, hi] = args.map((arg) => num(arg, world)) as [bigint, bigint, bigint];
      if (lo > hi) fail("CLAMP_BOUNDS_CROSSED", node);
      if (x < lo) return lo;
      if (x > hi) return hi;
      return x;
    }
    case "abs": {
      const v = num(args[0]!, world);
      return v < 0n ? -v : v;
    }
    case "pct": {
      const product = checked(num(args[0]!, world) * num(args[1]!, world), node);
      return divide(product, 100n, "round");
    }
    default: {
      const division = args[0] as Extract<Node, { kind: "binary" }>;
      const n = num(division.left, world);
      const d = num(division.right, world);
      if (d === 0n) fail("DIVISION_BY_ZERO", division);
      return divide(n, d, node.name);
    }
  }
}

function bool(node: Node, world: World): boolean {
  if (node.kind === "unary") return !bool(node.operand, world);
  if (node.kind === "conditional") {
    return bool(node.test, world) ? bool(node.consequent, world) : bool(node.alternate, world);
  }
  if (node.kind !== "binary") throw new Error(`not a condition: ${node.kind}`);
  if (node.op === "&&") return bool(node.left, world) && bool(node.right, world);
  if (node.op === "||") return bool(node.left, world) || bool(node.right, world);
  const l = num(node.left, world);
  const r = num(node.right, world);
  switch (node.op) {
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
    case "==":
      return l === r;
    case "!=":
      return l !== r;
    default:
      throw new Error(`unexpected ${node.op}`);
  }
}

function reference(root: Node, type: "money" | "bool", world: World): Outcome {
  try {
    if (type === "bool") return { value: bool(root, world) };
    const v = num(root, world);
    return v < 0n ? { code: "NEGATIVE_AMOUNT", start: root.start, end: root.end } : { value: Number(v) };
  } catch (thrown) {
    if (thrown instanceof Failure) return thrown.outcome;
    throw thrown;
  }
}

// ---------------------------------------------------------------- the test

function randomWorld(random: Random): World {
  const balances: Record<string, bigint | "missing" | "stale"> = {};
  for (const alias of ALIASES) {
    const roll = random.below(20);
    if (roll === 0) balances[alias] = "missing";
    else if (roll === 1) balances[alias] = "stale";
    else {
      const magnitude = roll < 16 ? random.below(5_000_000) : random.below(2 ** 30) * 2 ** random.below(24);
      balances[alias] = BigInt(random.chance(0.25) ? -magnitude : magnitude);
    }
  }
  const context: FormulaContext = {
    dayOfMonth: 1 + random.below(31),
    dayOfWeek: random.below(7),
    month: 1 + random.below(12),
    hour: random.below(24),
  };
  return {
    balances,
    context: random.chance(0.95)
      ? [context.dayOfMonth, context.dayOfWeek, context.month, context.hour].map(BigInt)
      : undefined,
  };
}

function load(env: FormulaEnv, world: World): void {
  for (const alias of ALIASES) {
    const v = world.balances[alias]!;
    if (typeof v === "bigint") env.setBalance(alias, Number(v));
    else env.setUnavailable(alias, v);
  }
  const [dayOfMonth, dayOfWeek, month, hour] = (world.context ?? [1n, 0n, 1n, 0n]).map(Number) as number[];
  env.setContext({ dayOfMonth: dayOfMonth!, dayOfWeek: dayOfWeek!, month: month!, hour: hour! });
}

describe("compiled formulas against a BigInt reference interpreter", () => {
  it.each([
    ["money", 1],
    ["bool", 2],
  ] as const)("agree on 1 500 random %s formulas × 25 environments", (type, seed) => {
    const random = createRandom(seed * 7919);
    const mismatches: string[] = [];
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1_500; i++) {
      const generate = (): string =>
        type === "money"
          ? live(random, "money", 1 + random.below(4))
          : condition(random, 1 + random.below(4));
      let source = generate();
      // Deep random conditions can pass the node limit; that limit has its own tests.
      while (!parseFormula(source).ok) source = generate();
      const parsed = parseFormula(source);
      const compiled = compileFormula(source, { expect: type, accounts: ALIASES });
      if (!parsed.ok || !compiled.ok) {
        mismatches.push(
          `${source}: does not compile: ${JSON.stringify(compiled.ok ? parsed : compiled.errors)}`,
        );
        continue;
      }
      for (let j = 0; j < 25; j++) {
        const world = randomWorld(random);
        // A fresh environment per world: context that was never set must stay unset.
        const env = createFormulaEnv({ accounts: ALIASES });
        if (world.context !== undefined) load(env, world);
        else for (const alias of ALIASES) loadBalance(env, alias, world.balances[alias]!);
        const expected = reference(parsed.node, type, world);
        const result = compiled.formula.evaluate(env);
        const actual: Outcome = result.ok
          ? { value: result.value }
          : {
              code: result.error.code,
              start: result.error.start,
              end: result.error.end,
              ...(result.error.alias === undefined ? {} : { alias: result.error.alias }),
            };
        const key = "value" in expected ? "value" : expected.code;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        const negativeZero = result.ok && Object.is(result.value, -0);
        if (negativeZero || JSON.stringify(actual) !== JSON.stringify(expected)) {
          if (mismatches.length < 5) {
            mismatches.push(
              `${source} in ${JSON.stringify(world, bigints)}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The generator must reach values and every run-time failure, often.
    const wanted =
      type === "money"
        ? [
            "value",
            "BALANCE_MISSING",
            "BALANCE_STALE",
            "CONTEXT_MISSING",
            "OVERFLOW",
            "NEGATIVE_AMOUNT",
            "DIVISION_BY_ZERO",
            "CLAMP_BOUNDS_CROSSED",
          ]
        : ["value", "BALANCE_MISSING", "BALANCE_STALE", "CONTEXT_MISSING", "OVERFLOW"];
    for (const code of wanted) expect(outcomes.get(code) ?? 0, code).toBeGreaterThan(20);
  });
});

function loadBalance(env: FormulaEnv, alias: string, v: bigint | "missing" | "stale"): void {
  if (typeof v === "bigint") env.setBalance(alias, Number(v));
  else env.setUnavailable(alias, v);
}

function bigints(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}
