import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Clock, systemClock } from "@seqd/core";
import { demoStatePath, startSimulator } from "@seqd/simulator";
import { parse } from "yaml";
import { startDaemon } from "../../daemon/daemon.js";
import { serveDaemon } from "../../daemon/serve.js";
import { createNarrator } from "../../demo/narrator.js";
import { createLogger } from "../../observability/logger.js";
import { createMetrics } from "../../observability/metrics.js";
import { createRealTimers } from "../../runtime/timers.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { formatIssue } from "./validate-report.js";

/** `configs/demo.yaml`, whatever the working directory. */
export const DEMO_CONFIG_PATH = fileURLToPath(new URL("../../../../../configs/demo.yaml", import.meta.url));

/** The demo's credentials: the simulator's built-in state knows them; nothing real. */
const DEMO_ENV = {
  SEQUENCE_ACCESS_TOKEN: "demo-access-token",
  TOPUP_RULE_SECRET: "demo-rule-secret",
  SWEEP_RULE_SECRET: "demo-sweep-secret",
  TOPUP_AMOUNT_TOKEN: "demo-amount-token",
  SEQD_ADMIN_TOKEN: "demo-admin-token",
};
/** Where the demo state and config expect each other; replaced with the real addresses. */
const SIM_PLACEHOLDER = "http://127.0.0.1:8790";
const DAEMON_PLACEHOLDER = "http://127.0.0.1:8787";
/** Checking starts here and loses $150 every 10 s: it crosses below $500 within ~30 s. */
const CHECKING_START = "$700";

const INTRO = `seqd demo: a simulated Sequence account and the seqd daemon, wired together.
  - every 20 s a schedule sweeps 10 % of Paycheck into Savings;
  - Checking loses $150 every 10 s; when it falls below $500 the checking-low threshold fires
    the top-up rule, and Sequence asks seqd's amount endpoint how much to move;
  - the transfer lands and the balances update. Press Ctrl-C to stop.
`;

export function createDemoCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "demo",
    summary: "the whole loop in a minute: simulator + daemon with configs/demo.yaml",
    usage: "[--for DURATION] [--verbose]",
    description: `
Starts the Sequence simulator (built-in demo state) and the daemon with configs/demo.yaml,
SQLite in a temporary directory, free loopback ports, demo credentials. Within a minute you
see a scheduled firing, a balance crossing a threshold and firing its rule, Sequence asking
seqd's amount endpoint for the amount and the answer, and the transfer with the new balances.
Nothing leaves this machine; nothing needs setting up.`,
    options: {
      for: { type: "string", value: "DURATION", description: "stop by itself after this long (e.g. 60s)" },
      verbose: { type: "boolean", description: "also print the daemon's JSON log lines", default: false },
    },
    epilog: `
Examples:
  pnpm demo
  seqd demo --for 60s --verbose`,
    async run({ options, io }) {
      const stopAfterMs = parseDuration(options["for"]);
      if (stopAfterMs === null) {
        io.stderr.write(
          `seqd demo: --for takes a duration like 60s or 2m, got "${String(options["for"])}"\n`,
        );
        return EXIT.usage;
      }
      const { clock } = dependencies;
      const dir = await mkdtemp(join(tmpdir(), "seqd-demo-"));
      const sim = await startSimulator({ statePath: demoStatePath });
      try {
        const accountNames = new Map(sim.snapshot().accounts.map((account) => [account.id, account.name]));
        const narrator = createNarrator({
          write: (line) => io.stdout.write(line),
          accountNames,
          verbose: options["verbose"] === true,
        });
        io.stdout.write(INTRO);
        const configPath = join(dir, "demo.yaml");
        const config = (await readFile(DEMO_CONFIG_PATH, "utf8"))
          .replaceAll(SIM_PLACEHOLDER, sim.url)
          .replace(/listen: .*/, "listen: 127.0.0.1:0")
          .replace(/^store: .*/m, `store: sqlite:${join(dir, "seqd-demo.db")}`);
        await writeFile(configPath, config);
        const log = createLogger({
          destination: { write: (line: string) => narrator.daemonLine(line) },
          pretty: false,
          clock,
        });
        const timers = createRealTimers({ clock });
        const metrics = createMetrics();
        const started = await startDaemon({
          configPath,
          cwd: dir,
          env: { ...io.env, ...DEMO_ENV },
          clock,
          timers,
          log,
          metrics,
          dryRun: false,
          lastGood: false,
        });
        if (!started.ok) {
          const why = started.reason === "store" ? [started.message] : started.issues.map(formatIssue);
          io.stderr.write(`seqd demo: the daemon did not start:\n${why.join("\n")}\n`);
          return EXIT.failure;
        }
        const { daemon } = started;
        const serving = await serveDaemon(daemon, { clock, timers, logger: log.logger, metrics });
        // The simulator's top-up rule asks the daemon for its amount: point it at the real port.
        const state = parse(
          (await readFile(demoStatePath, "utf8")).replaceAll(DAEMON_PLACEHOLDER, serving.url),
        );
        await sim.reset(state);
        sim.setBalances({ "5579244": CHECKING_START });
        sim.onEvent((event) => narrator.simEvent(event));
        const keepAlive = setInterval(() => undefined, 2 ** 30);
        const reason = await Promise.race([
          io.stopRequested,
          ...(stopAfterMs === undefined
            ? []
            : [
                new Promise<string>((resolve) =>
                  setTimeout(() => resolve(`--for ${String(options["for"])}`), stopAfterMs),
                ),
              ]),
        ]);
        clearInterval(keepAlive);
        io.stdout.write(`seqd demo: stopping (${reason})\n`);
        await serving.close();
        await daemon.stop();
        return EXIT.ok;
      } finally {
        await sim.stop();
        await rm(dir, { recursive: true, force: true });
      }
    },
  });
}

/** `undefined` when absent, `null` when malformed. */
function parseDuration(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  const match = /^(\d+)(s|m)$/.exec(String(value));
  if (match === null) return null;
  return Number(match[1]) * (match[2] === "m" ? 60_000 : 1_000);
}

/** The command as registered in `seqd`, on the system clock. */
export const demoCommand = createDemoCommand({ clock: systemClock });
