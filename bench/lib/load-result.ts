/**
 * A result file as the summary reads it back: the fixed fields, checked, with
 * the machine reduced to one line. Older or hand-edited files that lack a
 * field still load; only a file that is not a result at all is refused.
 */
export interface LoadedResult {
  suite: string;
  unit: string;
  baseline: number | null;
  seqd: number | null;
  ratio: number | null;
  goal: number | null;
  met: boolean | null;
  date: string;
  machine: string;
  baselineIs?: string;
  seqdIs?: string;
  noisy?: string;
  skipped?: string;
}

type Fields = Record<string, unknown>;

const numberOrNull = (value: unknown): number | null => (typeof value === "number" ? value : null);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** One line naming the machine: `2× AMD EPYC, 24 GiB, node v20.20.2`. */
export function describeMachine(machine: unknown): string {
  if (typeof machine !== "object" || machine === null) return "unknown machine";
  const m = machine as Fields;
  const cpus = typeof m["cpus"] === "number" ? `${m["cpus"]}× ` : "";
  const model = text(m["model"]) ?? text(m["cpuModel"]) ?? "unknown CPU";
  const memory = typeof m["memoryGiB"] === "number" ? `, ${Math.round(m["memoryGiB"])} GiB` : "";
  const node = text(m["node"]) === undefined ? "" : `, node ${m["node"]}`;
  return `${cpus}${model}${memory}${node}`;
}

/** Parses a `bench/results/<suite>.json` text; an error message when it is not a suite result. */
export function parseResult(json: string): LoadedResult | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "not an object" };
  const fields = value as Fields;
  const suite = text(fields["suite"]);
  if (suite === undefined) return { error: 'no "suite" field' };
  const result: LoadedResult = {
    suite,
    unit: text(fields["unit"]) ?? "",
    baseline: numberOrNull(fields["baseline"]),
    seqd: numberOrNull(fields["seqd"]),
    ratio: numberOrNull(fields["ratio"]),
    goal: numberOrNull(fields["goal"]),
    met: typeof fields["met"] === "boolean" ? fields["met"] : null,
    date: text(fields["date"]) ?? "unknown date",
    machine: describeMachine(fields["machine"]),
  };
  for (const key of ["baselineIs", "seqdIs", "noisy", "skipped"] as const) {
    const note = text(fields[key]);
    if (note !== undefined) result[key] = note;
  }
  return result;
}

/** The verdict column: whether the goal was met, or why there is no verdict. */
export function verdict(result: LoadedResult): string {
  if (result.skipped !== undefined) return "not measured";
  if (result.noisy !== undefined) return "noisy";
  if (result.goal === null || result.met === null) return "no goal";
  return result.met ? "met" : "NOT met";
}
