import { type Clock, systemClock } from "@seqd/core";
import { startDaemon } from "../../daemon/daemon.js";
import { createLogger } from "../../observability/logger.js";
import { createMetrics } from "../../observability/metrics.js";
import { createRealTimers } from "../../runtime/timers.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { reportStartFailure } from "./start-failure.js";
import { DEFAULT_CONFIG_PATH } from "./validate.js";

/**
 * `seqd trigger <trigger-id> [path] [--store URL] [--dry-run]`: fires one trigger now through
 * the daemon's own pipeline (fresh balances for `when`, `maxPerDay`, durable claim, dispatcher
 * with retries), then exits. Occurrence `manual:<now>`, so it never collides with a scheduled one.
 */
export function createTriggerCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "trigger",
    summary: "fire one trigger now, through the same guards, claim and ledger as the daemon",
    usage: "<trigger-id> [path] [--store URL] [--dry-run]",
    description: `
Fires a trigger of the config at path (default configs/) once, now: balances are polled first
(for the trigger's when: condition), maxPerDay is checked, the firing is claimed in the store
with its own idempotency key (occurrence manual:<time>), then Sequence is called with retries.
The outcome is printed and recorded in the ledger (see seqd history).

While a seqd daemon runs on the same store it holds the dispatcher lease and this command is
refused: fire through the daemon instead (POST /admin/triggers/<id>/fire).`,
    options: {
      store: { type: "string", value: "URL", description: "store URL; overrides the config's store:" },
      "dry-run": {
        type: "boolean",
        description: "record a dry-run firing without calling Sequence",
        default: false,
      },
    },
    epilog: `
Examples:
  seqd trigger payday-sweep configs/prod.yaml
  seqd trigger payday-sweep configs/prod.yaml --dry-run

Exit codes: 0 accepted by Sequence (or recorded, with --dry-run), 1 skipped, failed or refused,
64 bad usage, 78 invalid config.`,
    async run({ options, positionals, io }) {
      const [triggerId, path, ...extra] = positionals;
      if (triggerId === undefined || extra.length > 0) {
        io.stderr.write("seqd trigger: give one trigger id and at most one config path\n");
        return EXIT.usage;
      }
      const { clock } = dependencies;
      const log = createLogger({ destination: io.stderr, clock, level: io.env["SEQD_LOG_LEVEL"] ?? "warn" });
      const started = await startDaemon({
        configPath: path ?? DEFAULT_CONFIG_PATH,
        cwd: io.cwd,
        env: io.env,
        clock,
        timers: createRealTimers({ clock }),
        log,
        metrics: createMetrics({ processMetrics: false }),
        storeUrl: typeof options["store"] === "string" ? options["store"] : undefined,
        dryRun: options["dry-run"] === true,
        lastGood: false,
        mode: "one-shot",
      });
      if (!started.ok) return reportStartFailure("trigger", started, io);
      const { daemon } = started;
      try {
        await daemon.pollNow();
        const outcome = await daemon.fire(triggerId);
        const stream = outcome.kind === "fired" ? io.stdout : io.stderr;
        stream.write(`${outcome.message}\n`);
        if (outcome.kind !== "fired") return EXIT.failure;
        if (outcome.status === "accepted" || outcome.status === "dry-run") {
          io.stdout.write(`idempotency-key ${outcome.idempotencyKey}, occurrence ${outcome.occurrence}\n`);
          return EXIT.ok;
        }
        return EXIT.failure;
      } finally {
        await daemon.stop();
      }
    },
  });
}

/** The command as registered in `seqd`, on the system clock. */
export const triggerCommand = createTriggerCommand({ clock: systemClock });
