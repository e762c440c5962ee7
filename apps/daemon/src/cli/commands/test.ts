import { type Clock, systemClock } from "@seqd/core";
import { runConfigTests } from "@seqd/rules-engine";
import { loadConfigPaths } from "../../config/index.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { type ConfigTestRun, renderConfigIssues, renderTestReport } from "./test-report.js";
import { DEFAULT_CONFIG_PATH } from "./validate.js";

/**
 * `seqd test [paths…]`: runs each config's `tests:` on a fake clock through the decision
 * engine. Exit 0 when every test passes, 1 when one fails, 78 when a config is invalid.
 * Never resolves secrets and never touches the network.
 */
export function createTestCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "test",
    summary: "run the tests: of each config on a fake clock (one line per test, like promtool)",
    usage: "[paths…]",
    description: `
Each test runs the daemon's own decision engine on a fake clock: balances from its steps,
schedules and thresholds evaluated punctually between steps (or not at all across a step
with down: true), amounts answered as the endpoint would. Secrets are never resolved and
nothing is sent anywhere. Without paths, ${DEFAULT_CONFIG_PATH} is read. Config warnings go
to stderr; the last line of stdout is "N passed, N failed".`,
    options: {},
    epilog: `
Examples:
  seqd test
  seqd test configs/demo.yaml configs/examples/*.yaml

Exit codes: 0 all passed, 1 a test failed, 78 a config is invalid, 64 bad usage.`,
    async run({ positionals, io }) {
      const paths = positionals.length > 0 ? positionals : [DEFAULT_CONFIG_PATH];
      const loaded = await loadConfigPaths(paths, { cwd: io.cwd, env: io.env, clock: dependencies.clock });
      const runs: ConfigTestRun[] = loaded.map((config) =>
        config.config === undefined
          ? { loaded: config, outcomes: undefined }
          : { loaded: config, outcomes: runConfigTests(config.config) },
      );
      io.stderr.write(renderConfigIssues(loaded));
      io.stdout.write(renderTestReport(runs));
      if (runs.some((run) => run.outcomes === undefined)) return EXIT.config;
      return runs.every((run) => run.outcomes?.every((outcome) => outcome.passed)) ? EXIT.ok : EXIT.failure;
    },
  });
}

/** The command as registered in `seqd`, on the system clock (used only for config warnings). */
export const testCommand = createTestCommand({ clock: systemClock });
