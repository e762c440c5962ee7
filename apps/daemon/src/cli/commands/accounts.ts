import { type Clock, createSequenceClient, formatMoney, SequenceError, systemClock } from "@seqd/core";
import { readDaemonConfig } from "../../daemon/daemon-config.js";
import { mapAccounts } from "../../runtime/account-mapping.js";
import { type Command, defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { renderTable } from "../table.js";
import { DEFAULT_CONFIG_PATH } from "./validate.js";
import { formatIssue } from "./validate-report.js";

/**
 * `seqd accounts [path]`: what Sequence answers to `POST /accounts` with the configured token,
 * mapped onto the config's aliases: the quickest check that ids, names and the token are right.
 */
export function createAccountsCommand(dependencies: { clock: Clock }): Command {
  return defineCommand({
    name: "accounts",
    summary: "list Sequence accounts and balances through the configured access token",
    usage: "[path] [--format text|json]",
    description: `
Calls Sequence's POST /accounts once with sequence.accessToken of the config at path (default
configs/) and prints each configured alias with the account it maps to, its type and balance,
or why it has none (unknown id, ambiguous name, balance unavailable). Accounts that no alias
uses are listed after, so you can copy their ids into the config.`,
    options: {
      format: { type: "string", value: "text|json", description: "output format", default: "text" },
    },
    epilog: `
Examples:
  seqd accounts configs/prod.yaml
  seqd accounts configs/prod.yaml --format json

Exit codes: 0 listed, 1 Sequence could not be reached or refused the token, 64 bad usage,
78 invalid config (or no sequence: section).`,
    async run({ options, positionals, io }) {
      const format = options["format"];
      if ((format !== "text" && format !== "json") || positionals.length > 1) {
        io.stderr.write("seqd accounts: usage: seqd accounts [path] [--format text|json]\n");
        return EXIT.usage;
      }
      const { clock } = dependencies;
      const read = await readDaemonConfig(positionals[0] ?? DEFAULT_CONFIG_PATH, {
        cwd: io.cwd,
        env: io.env,
        clock,
      });
      if (!read.ok) {
        for (const issue of read.issues) io.stderr.write(`${formatIssue(issue)}\n`);
        io.stderr.write(`${read.path}: invalid config\n`);
        return EXIT.config;
      }
      const { config, secrets } = read.loaded;
      const token = secrets.get("sequence.accessToken");
      if (config.sequence === undefined || token === undefined) {
        io.stderr.write(
          `${read.loaded.path}: no sequence: section with an accessToken; nothing to ask Sequence with\n`,
        );
        return EXIT.config;
      }
      const client = createSequenceClient({ baseUrl: config.sequence.apiUrl, clock });
      try {
        const list = await client.listAccounts({ token });
        const mapping = mapAccounts(config.accounts.values(), list.accounts, new Map());
        const byId = new Map(list.accounts.map((account) => [account.id, account]));
        const used = new Set(
          mapping.readings.flatMap((reading) => (reading.accountId ? [reading.accountId] : [])),
        );
        const rows = mapping.readings.map((reading) => {
          const account = reading.accountId === undefined ? undefined : byId.get(reading.accountId);
          return {
            alias: reading.alias,
            id: reading.accountId ?? null,
            name: account?.name ?? null,
            type: account?.type ?? null,
            balanceCents: reading.status === "ok" ? reading.cents : null,
            unavailable: reading.status === "unavailable" ? reading.reason : null,
          };
        });
        const unused = list.accounts.filter((account) => !used.has(account.id));
        if (format === "json") {
          const others = unused.map((account) => ({
            id: account.id,
            name: account.name,
            type: account.type,
            balanceCents: account.balance.ok ? account.balance.cents : null,
          }));
          io.stdout.write(`${JSON.stringify({ aliases: rows, otherAccounts: others }, null, 2)}\n`);
          return EXIT.ok;
        }
        io.stdout.write(
          renderTable(
            ["ALIAS", "ID", "NAME", "TYPE", "BALANCE"],
            rows.map((row) => [
              row.alias,
              row.id ?? "-",
              row.name ?? "-",
              row.type ?? "-",
              row.balanceCents === null ? `unavailable: ${row.unavailable}` : formatMoney(row.balanceCents),
            ]),
          ),
        );
        for (const problem of mapping.problems) {
          io.stderr.write(`note: account ${problem.alias}: name "${problem.name}" is ${problem.problem}\n`);
        }
        if (unused.length > 0) {
          io.stdout.write(`\nNot used by any alias:\n`);
          io.stdout.write(
            renderTable(
              ["ID", "NAME", "TYPE", "BALANCE"],
              unused.map((account) => [
                account.id,
                account.name,
                account.type,
                account.balance.ok
                  ? formatMoney(account.balance.cents)
                  : `unavailable: ${account.balance.error}`,
              ]),
            ),
          );
        }
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof SequenceError)) throw error;
        io.stderr.write(`seqd accounts: Sequence refused or could not be reached: ${error.message}\n`);
        return EXIT.failure;
      } finally {
        await client.close();
      }
    },
  });
}

/** The command as registered in `seqd`, on the system clock. */
export const accountsCommand = createAccountsCommand({ clock: systemClock });
