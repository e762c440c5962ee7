import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Clock, systemClock } from "@seqd/core";
import { type Balances, buildPlan, type Config, parseLocalTime, parsePlanBalances } from "@seqd/rules-engine";
import { loadConfigPaths } from "../../config/index.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT, type Io } from "../io.js";
import { type ConfigPlan, planJson, renderPlanText } from "./plan-report.js";
import { renderConfigIssues } from "./test-report.js";
import { DEFAULT_CONFIG_PATH } from "./validate.js";

const DEFAULT_COUNT = 5;
const MAX_COUNT = 1_000;

/**
 * `seqd plan [paths…] [--from ISO] [--count N] [--balances file.json] [--format json]`: what
 * each config would do, computed by the daemon's engine. Deterministic given `--from`.
 * Never resolves secrets, never reads the store, never calls Sequence.
 */
export function createPlanCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "plan",
    summary:
      "show the next runs of each schedule (local + UTC, DST marked), thresholds and amounts on given balances",
    usage: "[paths…] [--from ISO] [--count N] [--balances file.json] [--format text|json]",
    description: `
For each schedule trigger, the next N runs strictly after --from, in local time with its
offset and in UTC; runs on a DST change day are marked, as are runs moved past a gap or
in a repeated hour. With --balances, what a daemon starting at --from would do with each
threshold trigger (and why a guard would block it) and what each amount endpoint would
answer. The balances file is a JSON object from account alias to "$1_500", integer cents
or "unavailable"; every reading is taken as fresh at --from. Nothing is sent anywhere and
no secret is resolved.`,
    options: {
      from: {
        type: "string",
        value: "ISO",
        description:
          "start instant: 2026-03-07T09:00:00-05:00, …Z, or local time in the config's timezone (default: now)",
      },
      count: {
        type: "string",
        value: "N",
        description: "runs listed per schedule",
        default: String(DEFAULT_COUNT),
      },
      balances: {
        type: "string",
        value: "file.json",
        description: "balances to judge thresholds and amounts on",
      },
      format: { type: "string", value: "text|json", description: "output format", default: "text" },
    },
    epilog: `
Examples:
  seqd plan
  seqd plan configs/demo.yaml --from 2026-03-07T08:00:00 --count 3 --balances balances.json
  seqd plan --format json configs/examples/household-budget.yaml

JSON: one object per config (an array when several paths are given):
  {"schedules":[{"trigger","timezone","occurrences":[{"utc","local","dstTransitionDay"}]}],
   "thresholds":[…], "amounts":{"<id>": cents, or null when it would reject}, …}

Exit codes: 0 ok, 78 a config is invalid, 64 bad usage (options, --from, the balances file).`,
    async run({ options, positionals, io }) {
      const format = options["format"];
      if (format !== "text" && format !== "json")
        return usage(io, `--format must be text or json, got "${String(format)}"`);
      const count = Number(options["count"]);
      if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) {
        return usage(
          io,
          `--count must be a whole number from 1 to ${MAX_COUNT}, got "${String(options["count"])}"`,
        );
      }
      const balancesPath = typeof options["balances"] === "string" ? options["balances"] : undefined;
      const document = balancesPath === undefined ? undefined : await readJson(io, balancesPath);
      if (document !== undefined && !document.ok) return usage(io, document.message);
      const paths = positionals.length > 0 ? positionals : [DEFAULT_CONFIG_PATH];
      const loaded = await loadConfigPaths(paths, { cwd: io.cwd, env: io.env, clock: dependencies.clock });
      io.stderr.write(renderConfigIssues(loaded));
      const configs = loaded.flatMap(({ path, config }) => (config ? [{ path, config }] : []));
      if (configs.length < loaded.length) return EXIT.config;
      const plans: ConfigPlan[] = [];
      for (const { path, config } of configs) {
        const from = fromOption(options["from"], config, dependencies.clock);
        if (!from.ok) return usage(io, `${path}: --from ${from.message}`);
        let balances: Balances = new Map();
        if (document?.ok) {
          const parsed = parsePlanBalances(document.value, {
            accounts: [...config.accounts.keys()],
            at: from.date,
          });
          if (!parsed.ok) return usage(io, `${balancesPath}: ${parsed.problems.join("; ")} (for ${path})`);
          balances = parsed.balances;
        }
        const plan = buildPlan(config, { from: from.date, count, balances });
        plans.push({ path, hash: config.hash, balancesFrom: balancesPath, plan });
      }
      if (format === "json") {
        const json = plans.length === 1 ? planJson(plans[0]!) : plans.map(planJson);
        io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        io.stdout.write(renderPlanText(plans));
      }
      return EXIT.ok;
    },
  });
}

function usage(io: Io, message: string): number {
  io.stderr.write(`seqd plan: ${message}\n`);
  return EXIT.usage;
}

function fromOption(
  value: unknown,
  config: Config,
  clock: Clock,
): { ok: true; date: Date } | { ok: false; message: string } {
  if (typeof value !== "string") return { ok: true, date: clock.now() };
  const parsed = parseLocalTime(value, config.timezone);
  if (parsed.ok) return parsed;
  return { ok: false, message: `${parsed.message}${parsed.hint ? ` (${parsed.hint})` : ""}` };
}

async function readJson(
  io: Io,
  path: string,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), "utf8");
  } catch (error) {
    return {
      ok: false,
      message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `${path} is not JSON: ${(error as Error).message}` };
  }
}

/** The command as registered in `seqd`; "now" (the default --from) comes from the system clock. */
export const planCommand = createPlanCommand({ clock: systemClock });
