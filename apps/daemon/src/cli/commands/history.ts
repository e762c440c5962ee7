import { type Clock, didYouMean, systemClock } from "@seqd/core";
import { openStore, redactStoreUrl, type Store, StoreError } from "@seqd/store";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { renderHistoryTable, toHistoryEntry } from "./history-format.js";
import { resolveStoreTarget } from "./store-target.js";

/** Firings shown when `--limit` is not given. */
export const DEFAULT_HISTORY_LIMIT = 50;
const MAX_HISTORY_LIMIT = 10_000;

/**
 * `seqd history [paths…] [--store URL] [--trigger id] [--limit N] [--format json]`: the firing
 * ledger, newest first. Opens the store read-only, so it is safe next to a running daemon.
 */
export function createHistoryCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "history",
    summary: "firings from the store, newest first: what fired, when, and how it ended",
    usage: "[paths…] [--store URL] [--trigger id] [--limit N] [--format text|json]",
    description: `
Reads the firing ledger: every occurrence seqd decided (accepted, failed, ambiguous, missed,
skipped, dry-run, or still claimed/sent), with its idempotency key and Sequence's request id.
The store is --store, else the store: of the config (paths default to configs/). The store
is opened read-only; the daemon may keep running.`,
    options: {
      store: { type: "string", value: "URL", description: "store URL (sqlite:./seqd.db, postgres://…)" },
      trigger: { type: "string", value: "id", description: "only this trigger's firings" },
      limit: {
        type: "string",
        value: "N",
        description: `newest N firings (1–${MAX_HISTORY_LIMIT})`,
        default: String(DEFAULT_HISTORY_LIMIT),
      },
      format: { type: "string", value: "text|json", description: "output format", default: "text" },
    },
    epilog: `
Examples:
  seqd history
  seqd history --trigger payday-sweep --limit 10
  seqd history --store sqlite:/var/lib/seqd/seqd.db --format json

Exit codes: 0 ok (also when there are no firings), 1 the store cannot be read,
64 bad usage, 78 invalid config.`,
    async run({ options, positionals, io }) {
      const format = options["format"];
      if (format !== "text" && format !== "json") {
        io.stderr.write(`seqd history: --format must be text or json, got "${String(format)}"\n`);
        return EXIT.usage;
      }
      const limitText = String(options["limit"]);
      const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
        io.stderr.write(
          `seqd history: --limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}, got "${limitText}"\n`,
        );
        return EXIT.usage;
      }
      const trigger = typeof options["trigger"] === "string" ? options["trigger"] : undefined;
      const target = await resolveStoreTarget({
        command: "history",
        paths: positionals,
        store: typeof options["store"] === "string" ? options["store"] : undefined,
        io,
        clock: dependencies.clock,
      });
      if (!target.ok) return target.exit;
      if (trigger !== undefined && target.config !== undefined && !target.config.triggers.has(trigger)) {
        const guess = didYouMean(trigger, [...target.config.triggers.keys()]);
        io.stderr.write(
          `seqd history: note: trigger "${trigger}" is not in the config${guess ? ` (did you mean "${guess}"?)` : ""}; showing what the store has\n`,
        );
      }
      let store: Store;
      try {
        store = await openStore(target.url, { clock: dependencies.clock, cwd: io.cwd, readOnly: true });
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        io.stderr.write(`seqd history: cannot open the store: ${error.message}\n`);
        if (error.code === "INVALID_URL") return EXIT.usage;
        io.stderr.write(
          "  hint: has seqd run with this store yet? Check store: in the config, or pass --store URL\n",
        );
        return EXIT.failure;
      }
      try {
        const firings = await store.listFirings({
          limit,
          ...(trigger === undefined ? {} : { triggerId: trigger }),
        });
        if (format === "json") {
          io.stdout.write(`${JSON.stringify(firings.map(toHistoryEntry), null, 2)}\n`);
          return EXIT.ok;
        }
        if (firings.length === 0) {
          const of = trigger === undefined ? "" : ` of trigger ${trigger}`;
          io.stdout.write(`no firings${of} in ${redactStoreUrl(target.url)}\n`);
          return EXIT.ok;
        }
        io.stdout.write(renderHistoryTable(firings));
        if (firings.length === limit) io.stdout.write(`(the newest ${limit}; --limit N shows more)\n`);
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        io.stderr.write(`seqd history: cannot read the store: ${error.message}\n`);
        return EXIT.failure;
      } finally {
        await store.close();
      }
    },
  });
}

/** The command as registered in `seqd`, on the system clock. */
export const historyCommand = createHistoryCommand({ clock: systemClock });
