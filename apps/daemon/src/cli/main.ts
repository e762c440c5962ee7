import { type ParseArgsConfig, parseArgs } from "node:util";
import { didYouMean } from "@seqd/core";
import { type Command, type OptionValues, renderCommandHelp } from "./command.js";
import { commands } from "./commands/index.js";
import { EXIT, type Io } from "./io.js";

const VERSION = "0.1.0";

/** Runs one `seqd` invocation and returns its exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic === undefined ? undefined : findCommand(topic);
    io.stdout.write(command ? renderCommandHelp(command) : renderOverview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`seqd ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = findCommand(name);
  if (!command) {
    const guess = didYouMean(
      name,
      commands.map((c) => c.name),
    );
    io.stderr.write(`seqd: unknown command "${name}"${guess ? ` (did you mean "${guess}"?)` : ""}\n`);
    io.stderr.write(`Run "seqd --help" for the list of commands.\n`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(renderCommandHelp(command));
    return EXIT.ok;
  }
  const parsed = parseCommandArgs(command, rest);
  if ("error" in parsed) {
    io.stderr.write(`seqd ${command.name}: ${parsed.error}\n`);
    io.stderr.write(
      `Usage: seqd ${command.name} ${command.usage}\nRun "seqd ${command.name} --help" for details.\n`,
    );
    return EXIT.usage;
  }
  return command.run({ ...parsed, io });
}

function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.name === name);
}

function parseCommandArgs(
  command: Command,
  args: string[],
): { options: OptionValues; positionals: string[] } | { error: string } {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [key, spec] of Object.entries(command.options)) {
    options[key] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { options: { ...values }, positionals };
  } catch (error) {
    return { error: explainParseError(error, Object.keys(command.options)) };
  }
}

function explainParseError(error: unknown, known: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '--?([^']+)'/.exec(message)?.[1];
  if (unknown !== undefined) {
    const guess = didYouMean(unknown, known);
    return `unknown option "--${unknown}"${guess ? ` (did you mean "--${guess}"?)` : ""}`;
  }
  return message.replace(/\. To specify a positional argument.*$/s, "");
}

function renderOverview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "seqd — automates money movement in Sequence from a YAML config kept in git",
    "",
    "Usage: seqd <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    'Run "seqd <command> --help" for the options of one command.',
    "",
  ].join("\n");
}
