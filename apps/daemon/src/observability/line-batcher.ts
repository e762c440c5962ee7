/** Where batched lines go: anything with a `write(text)`, like `process.stdout`. */
export interface LineSink {
  write(text: string): unknown;
}

/** Lines collected during one turn of the event loop, written together. */
export interface LineBatcher {
  write(line: string): void;
  /** Writes what is pending now (on exit, or before a caller reads the destination). */
  flush(): void;
}

/** Past this many pending characters the batch is written at once, whatever the turn. */
export const MAX_BATCH_CHARS = 64 * 1024;

/**
 * Coalesces the lines written during one turn of the event loop into one write. Under load the
 * daemon logs a line per amount answer, and stdout is synchronous for files and pipes: one
 * write call per line cost more than computing the answer. Lines keep their order and reach the
 * destination at the end of the turn (`schedule`, `setImmediate` by default), at once past
 * `maxChars`, or on `flush()`.
 *
 * @example
 * const lines = createLineBatcher(process.stdout);
 * lines.write('{"msg":"a"}\n'); lines.write('{"msg":"b"}\n'); // one write, after this turn
 */
export function createLineBatcher(
  destination: LineSink,
  options: { maxChars?: number; schedule?: (flush: () => void) => void } = {},
): LineBatcher {
  const maxChars = options.maxChars ?? MAX_BATCH_CHARS;
  const schedule = options.schedule ?? ((flush) => setImmediate(flush));
  let pending = "";
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (pending === "") return;
    const text = pending;
    pending = "";
    destination.write(text);
  }

  return {
    write(line) {
      pending += line;
      if (pending.length >= maxChars) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
