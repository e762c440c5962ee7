import type { Command } from "../command.js";
import { accountsCommand } from "./accounts.js";
import { demoCommand } from "./demo.js";
import { historyCommand } from "./history.js";
import { planCommand } from "./plan.js";
import { runCommand } from "./run.js";
import { simulatorCommand } from "./simulator.js";
import { testCommand } from "./test.js";
import { triggerCommand } from "./trigger.js";
import { validateCommand } from "./validate.js";

/** Every `seqd` command, in the order `seqd --help` lists them. */
export const commands: Command[] = [
  demoCommand,
  validateCommand,
  testCommand,
  planCommand,
  runCommand,
  triggerCommand,
  accountsCommand,
  historyCommand,
  simulatorCommand,
];
