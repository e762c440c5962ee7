/** One sample of a Prometheus text exposition. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(
  `^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (-?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+)|NaN|[+-]Inf)(?: -?[0-9]+)?$`,
);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);

/**
 * A strict reader of the Prometheus text format (0.0.4) for tests: every line must be a
 * HELP, TYPE, sample or empty line, each metric's TYPE comes before its samples and at most once,
 * and the text ends with a newline. Throws on the first line that is not.
 */
export function parsePrometheusText(text: string): PromSample[] {
  if (text !== "" && !text.endsWith("\n")) throw new Error("exposition does not end with a newline");
  const typed = new Map<string, string>();
  const samples: PromSample[] = [];
  text
    .slice(0, -1)
    .split("\n")
    .forEach((line, index) => {
      const where = `line ${index + 1}: ${line}`;
      // The format ignores empty lines (prom-client puts one between metric families).
      if (line === "") return;
      const type = TYPE.exec(line);
      if (type !== null) {
        if (typed.has(type[1]!)) throw new Error(`second TYPE for ${type[1]} at ${where}`);
        typed.set(type[1]!, type[2]!);
        return;
      }
      if (HELP.test(line)) return;
      const sample = SAMPLE.exec(line);
      if (sample === null) throw new Error(`not a Prometheus line at ${where}`);
      const name = sample[1]!;
      const family = [...typed.keys()].find(
        (base) => name === base || /^_(bucket|sum|count|total|created)$/.test(name.slice(base.length)),
      );
      if (family === undefined) throw new Error(`sample before its TYPE at ${where}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (sample[2] ?? "").matchAll(
        /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
      )) {
        labels[key!] = value!;
      }
      samples.push({ name, labels, value: Number(sample[3]!.replace("Inf", "Infinity")) });
    });
  return samples;
}
