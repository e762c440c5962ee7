/**
 * What the cold-start suite times, as data: commands timed to their exit,
 * and servers timed from spawn to ready.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_BARE, SERVERS, type ServerSpec } from "../endpoint/servers.js";

/** The repository root: every command runs there, with paths relative to it. */
export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const SEQD = "apps/daemon/bin/seqd.mjs";

/** A `node …` command timed from spawn to exit; it must exit 0. */
export interface ExitCommand {
  readonly id: string;
  /** How it reads in tables: the command line, shortened. */
  readonly label: string;
  /** Arguments to node (the same node that runs the suite). */
  readonly args: readonly string[];
}

/** The example configs `seqd validate` checks: configs/demo.yaml and configs/examples/*.yaml. */
export function exampleConfigs(repo = REPO_DIR): string[] {
  const examples = readdirSync(join(repo, "configs", "examples"))
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort()
    .map((name) => `configs/examples/${name}`);
  return ["configs/demo.yaml", ...examples];
}

/** The baseline: starting node and exiting. */
export const NODE: ExitCommand = { id: "node", label: "node -e 0", args: ["-e", "0"] };

/** Starting node with tsx's loader registered: what running TypeScript without a build adds. */
export const NODE_TSX: ExitCommand = {
  id: "node-tsx",
  label: "node --import tsx -e 0",
  args: ["--import", "tsx", "-e", "0"],
};

/** seqd loading its CLI and exiting. */
export const SEQD_VERSION: ExitCommand = {
  id: "seqd-version",
  label: "seqd --version",
  args: [SEQD, "--version"],
};

/** The headline: seqd validating every shipped config. */
export const SEQD_VALIDATE: ExitCommand = {
  id: "seqd-validate",
  label: "seqd validate configs/demo.yaml configs/examples/*.yaml",
  args: [SEQD, "validate", ...exampleConfigs()],
};

/** Every command, in table order. */
export const EXIT_COMMANDS: readonly ExitCommand[] = [NODE, NODE_TSX, SEQD_VERSION, SEQD_VALIDATE];

/** A server timed from spawn to its ready probe's first expected answer. */
export interface ReadyMeasure {
  readonly id: string;
  readonly label: string;
  /** Undefined while the server does not exist; `notMeasured` then says why. */
  readonly spec: ServerSpec | undefined;
  readonly notMeasured: string;
}

/**
 * The baseline for `seqd run`: a bare node:http server answering its first
 * request. seqd's own entry is the endpoint suite's seqd server (`seqd run`
 * on the bench config, timed to its first `/readyz` 200).
 */
export const READY_MEASURES: readonly ReadyMeasure[] = [
  {
    id: "node-http-ready",
    label: "node:http server → first 200",
    spec: NODE_BARE,
    notMeasured: "",
  },
  {
    id: "seqd-run-ready",
    label: "seqd run → /readyz 200",
    spec: SERVERS.find((server) => server.role === "seqd"),
    notMeasured: "not measured: bench/endpoint/servers.ts has no seqd entry",
  },
];
