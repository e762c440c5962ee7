import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Suites mount filesystems and spawn workers: one file at a time keeps them from competing for 2 cores.
    fileParallelism: false,
  },
});
