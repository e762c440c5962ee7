/**
 * Resource limits for untrusted config text. A seqd config is a few kilobytes nested
 * a handful of levels deep; anything near these limits is garbage or an attack, and is
 * refused with a positioned error before the YAML parser can spend memory or stack on it.
 */
export const LIMITS = {
  /** Largest accepted file, in bytes (the loader compares UTF-16 length, which is never larger). */
  maxFileBytes: 1024 * 1024,
  /** Deepest nesting of mappings, sequences and flow collections. */
  maxDepth: 64,
  /** Alias expansions allowed when building values (yaml's `maxAliasCount`). */
  maxAliasCount: 100,
  /** Longest formula source, in characters. */
  maxFormulaLength: 4096,
  /** Problems reported per config; the rest are counted in one last "too-many-issues" problem. */
  maxIssues: 200,
  /** Pairs of schedule triggers of one rule searched for same-minute runs (each a bounded search). */
  maxCollisionPairs: 100,
} as const;
