import { type Clock, systemClock } from "@seqd/core";
import { loadConfigPaths } from "../../config/index.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { judge, renderJson, renderText } from "./validate-report.js";

/** Where configs are read from when no path is given. */
export const DEFAULT_CONFIG_PATH = "configs/";

/**
 * `seqd validate [paths…]`: schema and semantic checks of each config, before anything
 * runs. Exit 0 when every config is valid (warnings allowed), 78 otherwise or when
 * `--strict` finds warnings.
 */
export function createValidateCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "validate",
    summary: "check configs: schema, references, cron, time zones, secrets (file:line:col per problem)",
    usage: "[paths…] [--strict] [--secrets] [--format text|json]",
    description: `
Each path is one config: a YAML file, or a directory whose *.yaml/*.yml files (not
subdirectories) merge into one config. Several paths are several configs, each checked
on its own. Without paths, ${DEFAULT_CONFIG_PATH} is read. Secret references are checked for
syntax only, unless --secrets asks to resolve them (values are never printed).`,
    options: {
      strict: { type: "boolean", description: "treat warnings as errors (exit 78)" },
      secrets: {
        type: "boolean",
        description: "also resolve secret references: env vars set, files readable and non-empty",
      },
      format: { type: "string", value: "text|json", description: "output format", default: "text" },
    },
    epilog: `
Examples:
  seqd validate
  seqd validate configs/demo.yaml configs/examples/*.yaml
  seqd validate --strict --format json configs/

Exit codes: 0 valid (warnings allowed), 78 invalid (or warnings under --strict), 64 bad usage.`,
    async run({ options, positionals, io }) {
      const format = options["format"];
      if (format !== "text" && format !== "json") {
        io.stderr.write(`seqd validate: --format must be text or json, got "${String(format)}"\n`);
        return EXIT.usage;
      }
      const strict = options["strict"] === true;
      const secrets = options["secrets"] === true;
      const paths = positionals.length > 0 ? positionals : [DEFAULT_CONFIG_PATH];
      const loaded = await loadConfigPaths(paths, {
        cwd: io.cwd,
        env: io.env,
        clock: dependencies.clock,
        resolveSecrets: secrets,
      });
      const verdicts = loaded.map((config) => judge(config, strict));
      const render = format === "json" ? renderJson : renderText;
      io.stdout.write(render(verdicts, { strict, secrets }));
      return verdicts.every((verdict) => verdict.valid) ? EXIT.ok : EXIT.config;
    },
  });
}

/** The command as registered in `seqd`, on the system clock. */
export const validateCommand = createValidateCommand({ clock: systemClock });
