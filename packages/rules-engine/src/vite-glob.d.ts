// Vite's import.meta.glob, which vitest resolves at build time: tests read fixture files
// through it because rules-engine code (tests included) may not import node:fs.
interface ImportMeta {
  glob<T = unknown>(
    pattern: string | readonly string[],
    options?: { query?: string; import?: string; eager?: boolean },
  ): Record<string, T>;
}
