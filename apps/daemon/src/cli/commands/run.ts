import { type Clock, systemClock } from "@seqd/core";
import { watchConfig } from "../../daemon/config-watch.js";
import { startDaemon } from "../../daemon/daemon.js";
import { serveDaemon } from "../../daemon/serve.js";
import { createLogger } from "../../observability/logger.js";
import { createMetrics } from "../../observability/metrics.js";
import { createRealTimers } from "../../runtime/timers.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { reportStartFailure } from "./start-failure.js";
import { DEFAULT_CONFIG_PATH } from "./validate.js";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/**
 * `seqd run [path] [--store URL] [--dry-run] [--watch] [--last-good]`: the daemon. Runs until
 * SIGTERM/SIGINT, then drains: no new tick, in-flight calls get their grace, claims stay for
 * the next start's recovery.
 */
export function createRunCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "run",
    summary: "the daemon: fire schedules and thresholds, serve amount endpoints",
    usage: "[path] [--store URL] [--dry-run] [--watch] [--last-good] [--log-level LEVEL]",
    description: `
Runs one config (a file, or a directory whose YAML files merge into one; default configs/):
polls balances, fires schedule and threshold triggers at most once per occurrence, and
serves the amount endpoints, /healthz, /readyz and /metrics on server.listen.

Reload without a restart: SIGHUP, --watch (checks the files every 2 s) or POST /admin/reload.
A reload is all or nothing: an invalid config is logged with its errors and the running one
stays. Logs are JSON lines on stdout (human-readable on a terminal).`,
    options: {
      store: { type: "string", value: "URL", description: "store URL; overrides the config's store:" },
      "dry-run": {
        type: "boolean",
        description: "run everything but never call Sequence; firings are recorded as dry-run",
        default: false,
      },
      watch: { type: "boolean", description: "reload when the config files change", default: false },
      "last-good": {
        type: "boolean",
        description: "if the config is invalid, start on the store's last-known-good config (alerts loudly)",
        default: false,
      },
      "log-level": {
        type: "string",
        value: "LEVEL",
        description: `${LOG_LEVELS.join(", ")} (or SEQD_LOG_LEVEL)`,
      },
    },
    epilog: `
Examples:
  seqd run configs/prod.yaml
  seqd run configs/ --dry-run
  seqd run configs/prod.yaml --store postgres://seqd@db/seqd --watch

Exit codes: 0 clean stop, 1 cannot start (store), 64 bad usage, 78 invalid config.`,
    async run({ options, positionals, io }) {
      if (positionals.length > 1) {
        io.stderr.write(
          `seqd run: one config per daemon, got ${positionals.length} paths; merge files by putting them in one directory\n`,
        );
        return EXIT.usage;
      }
      const level = String(options["log-level"] ?? io.env["SEQD_LOG_LEVEL"] ?? "info");
      if (!LOG_LEVELS.includes(level)) {
        io.stderr.write(`seqd run: --log-level must be one of ${LOG_LEVELS.join(", ")}, got "${level}"\n`);
        return EXIT.usage;
      }
      const { clock } = dependencies;
      const configPath = positionals[0] ?? DEFAULT_CONFIG_PATH;
      // Batched: under load one line per amount answer, and a write per line costs more than the answer.
      const log = createLogger({ destination: io.stdout, clock, level, batch: true });
      const timers = createRealTimers({ clock });
      const metrics = createMetrics();
      const started = await startDaemon({
        configPath,
        cwd: io.cwd,
        env: io.env,
        clock,
        timers,
        log,
        metrics,
        storeUrl: typeof options["store"] === "string" ? options["store"] : undefined,
        dryRun: options["dry-run"] === true,
        lastGood: options["last-good"] === true,
      });
      if (!started.ok)
        return reportStartFailure("run", started, io, "; nothing started (fix it, or --last-good)");
      const { daemon } = started;
      const serving = await serveDaemon(daemon, { clock, timers, logger: log.logger, metrics }).catch(
        async (error: unknown) => {
          await daemon.stop();
          io.stderr.write(
            `seqd run: cannot serve HTTP: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          return undefined;
        },
      );
      if (serving === undefined) return EXIT.failure;
      const reload = async (why: string) => {
        log.logger.info({ event: "config.reload_requested", why }, `reload requested (${why})`);
        const outcome = await daemon.reload();
        if (!outcome.ok) {
          log.logger.error({ event: "config.reload_refused", errors: outcome.errors }, outcome.message);
        }
      };
      const stopReload = io.onReload(() => void reload("SIGHUP"));
      const watch =
        options["watch"] === true
          ? watchConfig({
              path: configPath,
              cwd: io.cwd,
              timers,
              onChange: () => reload("config files changed"),
            })
          : undefined;
      // The daemon's timers are unref'd (so tests and one-shot commands exit); this one holds the
      // process until a signal, whatever is configured.
      const keepAlive = setInterval(() => undefined, 2 ** 30);
      const signal = await io.stopRequested;
      clearInterval(keepAlive);
      log.logger.info({ event: "daemon.stopping", signal }, `${signal}: stopping (in-flight calls get 10 s)`);
      watch?.stop();
      stopReload();
      await serving.close();
      await daemon.stop();
      log.logger.info({ event: "daemon.stopped" }, "stopped");
      log.flush();
      return EXIT.ok;
    },
  });
}

/** The command as registered in `seqd`, on the system clock. */
export const runCommand = createRunCommand({ clock: systemClock });
