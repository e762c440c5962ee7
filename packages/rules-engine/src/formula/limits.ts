/**
 * Hard limits on formula size. Real formulas stay far below them (the
 * examples in docs/formulas.md use at most 30 nodes and depth 6); they exist so
 * hostile or generated input fails with a clean error, never a stack overflow.
 */
export const FORMULA_LIMITS = {
  /** Maximum source length in UTF-16 code units (4 KiB). */
  maxSourceLength: 4096,
  /** Maximum nesting of parentheses, calls, operator operands and unary signs. */
  maxDepth: 32,
  /** Maximum number of AST nodes (literals, names, operators, calls). */
  maxNodes: 256,
} as const;

/** The largest magnitude a formula value may take: every intermediate stays exact. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;
