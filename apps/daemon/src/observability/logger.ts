import { type Clock, systemClock } from "@seqd/core";
import { type Logger, pino } from "pino";
import { createLineBatcher } from "./line-batcher.js";
import { formatPrettyLine } from "./pretty.js";
import { createSecretScrubber, type SecretScrubber } from "./secret-scrubber.js";

export type { Logger } from "pino";

/** Field paths whose values are never logged, wherever they appear. */
export const REDACTED_PATHS = [
  "*.token",
  "*.secret",
  "*.accessToken",
  "*.adminToken",
  "*.authorization",
  "*.password",
  'headers["authorization"]',
  'headers["x-sequence-signature"]',
  'headers["x-sequence-access-token"]',
  'headers["cookie"]',
  '*.headers["authorization"]',
  '*.headers["x-sequence-signature"]',
  '*.headers["x-sequence-access-token"]',
  '*.headers["cookie"]',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. */
  destination?: { write(text: string): unknown; isTTY?: boolean };
  /** Human-readable lines instead of JSON; defaults to whether the destination is a TTY. */
  pretty?: boolean;
  clock?: Clock;
  /**
   * Write the lines of one event-loop turn together (the daemon under load) instead of one write
   * per line; pending lines are written on flush() and when the process exits. Default false.
   */
  batch?: boolean;
}

export interface SeqdLogger {
  logger: Logger;
  /** Set the resolved secret values to scrub from every line. */
  secrets: SecretScrubber;
  /** Writes lines still pending in batch mode; nothing to do otherwise. */
  flush(): void;
}

/**
 * pino JSON logs (one event per line), secrets redacted by path and scrubbed by
 * value, timestamps from the injected clock; pretty lines when writing to a TTY.
 */
export function createLogger(options: LoggerOptions = {}): SeqdLogger {
  const destination = options.destination ?? process.stdout;
  const pretty = options.pretty ?? destination.isTTY === true;
  const clock = options.clock ?? systemClock;
  const secrets = createSecretScrubber();
  const batcher = options.batch === true ? createLineBatcher(destination) : undefined;
  // The last turn's lines must not be lost when the process ends (stdout writes are synchronous).
  if (batcher !== undefined) process.once("exit", batcher.flush);
  const sink = batcher ?? destination;
  const stream = {
    write(line: string) {
      const clean = secrets.scrub(line);
      sink.write(pretty ? formatPrettyLine(clean) : clean);
    },
  };
  const logger = pino(
    {
      level: options.level ?? "info",
      base: null,
      messageKey: "msg",
      redact: { paths: REDACTED_PATHS, censor: "<redacted>" },
      timestamp: () => `,"time":"${clock.now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return { logger, secrets, flush: () => batcher?.flush() };
}

/**
 * A child of `logger` for lines whose fields the code fixes and which never hold a secret (the
 * one line per amount answer): it skips path redaction, whose wildcard paths walk every field of
 * every line. Registered secret values are still scrubbed from its output, and it follows the
 * parent's level. Never log request data, headers or config objects through it.
 *
 * @example
 * const answers = fixedFieldsLogger(logger);
 * answers.info({ event: "amount.answered", endpoint: "top-up", cents: 1_000 }, "amount top-up: ok");
 */
export function fixedFieldsLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [] } });
}
