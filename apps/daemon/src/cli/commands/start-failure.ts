import type { StartDaemonResult } from "../../daemon/daemon.js";
import { EXIT, type Io } from "../io.js";
import { formatIssue } from "./validate-report.js";

/**
 * Prints why the daemon did not start and returns the exit code: 1 when the store cannot be
 * opened, 78 with every positioned error for an invalid config (`hint` ends its summary line).
 */
export function reportStartFailure(
  command: string,
  started: Extract<StartDaemonResult, { ok: false }>,
  io: Io,
  hint = "",
): number {
  if (started.reason === "store") {
    io.stderr.write(`seqd ${command}: ${started.message}\n`);
    return EXIT.failure;
  }
  for (const issue of started.issues) io.stderr.write(`${formatIssue(issue)}\n`);
  io.stderr.write(`${started.path}: invalid config${hint}\n`);
  return EXIT.config;
}
