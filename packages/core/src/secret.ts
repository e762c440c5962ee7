const REDACTED = "<secret>";
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * A resolved secret value. It prints as `<secret>` through every path that
 * turns objects into text (String(), template literals, JSON.stringify,
 * util.inspect, console.log), so a secret only leaves through `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The raw value, for the one place that must send it (an HTTP header). */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return REDACTED;
  }
}
