import type { Io } from "./io.js";

export interface OptionSpec {
  type: "string" | "boolean";
  /** Placeholder shown in help, e.g. `N` for `--port N`. */
  value?: string;
  description: string;
  default?: string | boolean;
  multiple?: boolean;
  short?: string;
}

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CommandContext {
  options: OptionValues;
  positionals: string[];
  io: Io;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage after `seqd <name>`, e.g. `[paths…] [--port N]`. */
  usage: string;
  /** Paragraphs shown by `--help` below the usage line. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Extra help text after the options: examples, exit codes. */
  epilog?: string;
  run(context: CommandContext): Promise<number>;
}

/** Declares a command with its options typed in one place. */
export function defineCommand(command: Command): Command {
  return command;
}

export function renderCommandHelp(command: Command): string {
  const lines = [
    `seqd ${command.name} — ${command.summary}`,
    "",
    `Usage: seqd ${command.name} ${command.usage}`,
  ];
  if (command.description) lines.push("", command.description.trim());
  const options = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const fallback =
      spec.default === undefined || spec.default === false ? "" : ` (default: ${spec.default})`;
    return [flag, `${spec.description}${fallback}`] as const;
  });
  options.push(["-h, --help", "show this help"]);
  const width = Math.max(...options.map(([flag]) => flag.length));
  lines.push("", "Options:", ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  if (command.epilog) lines.push("", command.epilog.trim());
  return `${lines.join("\n")}\n`;
}
