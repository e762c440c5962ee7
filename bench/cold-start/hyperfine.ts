import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExitCommand } from "./commands.js";

/** `hyperfine 1.15.0`, or undefined when hyperfine is not installed. */
export function hyperfineVersion(): string | undefined {
  const result = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** One word for hyperfine's POSIX-style command splitting (`-N` runs it without a shell). */
export function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * hyperfine's arguments for one interleaving round: no shell, no warm-up
 * (the caller discards warm-up rounds), one run of each `node …` command.
 */
export function hyperfineArgs(
  commands: readonly ExitCommand[],
  options: { node: string; exportJson: string },
): string[] {
  return [
    "-N",
    "--style",
    "none",
    "--runs",
    "1",
    "--export-json",
    options.exportJson,
    ...commands.flatMap((command) => [
      "--command-name",
      command.label,
      [options.node, ...command.args].map(quoteWord).join(" "),
    ]),
  ];
}

/** Milliseconds of each command's run, from hyperfine's JSON export (`results[i].times`, in seconds). */
export function parseHyperfineJson(text: string, count: number): number[] {
  const parsed = JSON.parse(text) as { results?: { times?: unknown }[] };
  const results = parsed.results ?? [];
  if (results.length !== count)
    throw new Error(`hyperfine reported ${results.length} commands, expected ${count}`);
  return results.map((result, index) => {
    const times = result.times;
    if (!Array.isArray(times) || times.length !== 1 || typeof times[0] !== "number") {
      throw new Error(`hyperfine result ${index} has no single time`);
    }
    return times[0] * 1000;
  });
}

/** One round: each command run once by hyperfine, in the order given; milliseconds per command. */
export function hyperfineRound(commands: readonly ExitCommand[], cwd: string): number[] {
  const scratch = mkdtempSync(join(tmpdir(), "seqd-bench-hyperfine-"));
  try {
    const exportJson = join(scratch, "hyperfine.json");
    const args = hyperfineArgs(commands, { node: process.execPath, exportJson });
    const result = spawnSync("hyperfine", args, { cwd, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(
        `hyperfine failed (${result.status}): ${(result.stderr || result.stdout).trim().slice(-1_000)}`,
      );
    }
    return parseHyperfineJson(readFileSync(exportJson, "utf8"), commands.length);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
