import type { Command } from "../command.js";
import { historyCommand } from "./history.js";
import { simulatorCommand } from "./simulator.js";
import { validateCommand } from "./validate.js";

/** Every `seqd` command, in the order `seqd --help` lists them. */
export const commands: Command[] = [validateCommand, historyCommand, simulatorCommand];
